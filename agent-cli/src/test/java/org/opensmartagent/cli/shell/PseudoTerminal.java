package org.opensmartagent.cli.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Pattern;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.jni.JniTerminalProvider;

/**
 * A JLine terminal on a real pseudo-terminal (opened with JLine's native library), for driving the
 * interactive shell as a person would: {@link #type} sends keystrokes to the master side, {@link
 * #await} waits (with a deadline, never a sleep) until the screen shows a text. The slave side has
 * the line discipline of an ordinary terminal (canonical mode, echo, signals), which JLine switches
 * to raw mode while it reads a line.
 */
final class PseudoTerminal implements AutoCloseable {
  private static final Pattern ESCAPES =
      Pattern.compile("\u001b(\\[[0-9;?]*[ -/]*[@-~]|[()][0-9A-B]|[=>78]|\\][^\u0007]*\u0007)");
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private final BlockingQueue<Integer> keys = new LinkedBlockingQueue<>();
  private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
  private final Terminal terminal;
  private int mark;

  PseudoTerminal() throws IOException {
    Attributes attributes = new Attributes();
    attributes.setLocalFlags(
        EnumSet.of(
            Attributes.LocalFlag.ICANON,
            Attributes.LocalFlag.ECHO,
            Attributes.LocalFlag.ECHOE,
            Attributes.LocalFlag.ISIG,
            Attributes.LocalFlag.IEXTEN),
        true);
    attributes.setInputFlags(EnumSet.of(Attributes.InputFlag.ICRNL), true);
    attributes.setOutputFlags(
        EnumSet.of(Attributes.OutputFlag.OPOST, Attributes.OutputFlag.ONLCR), true);
    attributes.setControlChar(Attributes.ControlChar.VINTR, 3);
    attributes.setControlChar(Attributes.ControlChar.VEOF, 4);
    attributes.setControlChar(Attributes.ControlChar.VERASE, 127);
    attributes.setControlChar(Attributes.ControlChar.VMIN, 1);
    terminal =
        new JniTerminalProvider()
            .newTerminal(
                "license_smart-test",
                "xterm",
                new KeyStream(),
                new ScreenStream(),
                StandardCharsets.UTF_8,
                Terminal.SignalHandler.SIG_DFL,
                false,
                attributes,
                new Size(160, 50));
  }

  Terminal terminal() {
    return terminal;
  }

  /** Sends keystrokes, as typed. */
  void type(String keys) {
    for (byte b : keys.getBytes(StandardCharsets.UTF_8)) {
      this.keys.add(b & 0xff);
    }
  }

  /**
   * Ctrl-C: the key goes to the pseudo-terminal, whose line discipline turns it into SIGINT for its
   * foreground process group; a test JVM is not in that group, so the signal is raised on the
   * terminal as JLine's own SIGINT handler does on a console.
   */
  void interrupt() {
    type("\u0003");
    terminal.raise(Terminal.Signal.INT);
  }

  /** Waits until the screen, since the last await, shows {@code text}; returns what it showed. */
  String await(String text) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    synchronized (screen) {
      while (true) {
        String all = plain(screen.toString(StandardCharsets.UTF_8));
        int at = all.indexOf(text, mark);
        if (at >= 0) {
          String upTo = all.substring(mark, at + text.length());
          mark = at + text.length();
          return upTo;
        }
        String shown = all.substring(mark);
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("the screen never showed '" + text + "'; it showed:\n" + shown);
        }
        screen.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  /** Everything the screen showed, without escape sequences. */
  String all() {
    synchronized (screen) {
      return plain(screen.toString(StandardCharsets.UTF_8));
    }
  }

  private static String plain(String s) {
    return ESCAPES.matcher(s).replaceAll("").replace("\r", "");
  }

  @Override
  public void close() throws IOException {
    keys.add(-1);
    terminal.close();
  }

  private final class KeyStream extends InputStream {
    @Override
    public int read() throws IOException {
      try {
        return keys.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      int first = read();
      if (first < 0) {
        return -1;
      }
      b[off] = (byte) first;
      int n = 1;
      Integer next;
      while (n < len && (next = keys.peek()) != null && next >= 0) {
        b[off + n++] = (byte) (int) keys.poll();
      }
      return n;
    }
  }

  private final class ScreenStream extends OutputStream {
    @Override
    public void write(int b) {
      synchronized (screen) {
        screen.write(b);
        screen.notifyAll();
      }
    }

    @Override
    public void write(byte[] b, int off, int len) {
      synchronized (screen) {
        screen.write(b, off, len);
        screen.notifyAll();
      }
    }
  }
}
