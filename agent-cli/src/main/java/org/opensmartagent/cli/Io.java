package org.opensmartagent.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.opensmartagent.cli.shell.LineInput;

/**
 * The shell's streams: standard input (for prompts, tokens and codes), output and error. Prompts go
 * to output, or to error once {@link #jsonOutput()} reserved output for the one JSON document;
 * secrets are read without echo. Tests give in-memory streams.
 */
public final class Io {
  private final InputStream in;
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean terminal;
  private PrintWriter prompts;
  private LineInput input;

  /** Streams with no terminal behind them (pipes, scripts, tests). */
  public Io(InputStream in, PrintWriter out, PrintWriter err) {
    this(in, out, err, false);
  }

  /** Streams; {@code terminal} when a person can answer questions on them. */
  public Io(InputStream in, PrintWriter out, PrintWriter err, boolean terminal) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.terminal = terminal;
    this.prompts = out;
  }

  /** True when a person sits at a terminal and can answer a question. */
  public boolean terminal() {
    return terminal;
  }

  /** From now on standard output holds only the JSON result: prompts and lists go to error. */
  public void jsonOutput() {
    prompts = err;
  }

  /** Where questions, and the lists they choose from, are printed. */
  public PrintWriter prompts() {
    return prompts;
  }

  /**
   * Refuses to ask a destructive command's question when nobody can answer it.
   *
   * @throws IllegalArgumentException without a terminal, saying to add {@code --yes}
   */
  public void requireTerminalToConfirm(String command) {
    if (!terminal) {
      throw new IllegalArgumentException(
          command
              + " needs confirmation and there is no terminal to ask on; add --yes to confirm"
              + " it on the command line");
    }
  }

  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }

  public InputStream in() {
    return in;
  }

  /** Uses {@code lines} for every prompt from now on (the interactive shell's line editor). */
  public void useLineInput(LineInput lines) {
    this.input = lines;
  }

  private LineInput input() {
    if (input == null) {
      input =
          LineInput.plain(
              new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), prompts);
    }
    return input;
  }

  /** Prompts and reads one line; empty at the end of input. */
  public Optional<String> readLine(String prompt) {
    return input().readLine(prompt);
  }

  /** Keeps an accepted operation name in the line editor's history (if there is one). */
  public void remember(String line) {
    input().remember(line);
  }

  /** Prompts and reads one line without echoing it; empty at the end of input. */
  public Optional<String> readSecret(String prompt) {
    return input().readSecret(prompt);
  }

  /** Asks a yes/no question whose default is no. */
  public boolean confirm(String question) {
    String answer = readLine(question + " [N]> ").orElse("").trim();
    return answer.equalsIgnoreCase("y") || answer.equalsIgnoreCase("yes");
  }

  /** Everything left on standard input (for codes piped in). */
  public String readAll() {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read standard input", e);
    }
  }
}
