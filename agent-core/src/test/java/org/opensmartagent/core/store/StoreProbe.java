package org.opensmartagent.core.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Run in a child JVM: {@code hold DIR} opens the store, prints "opened" and keeps it until its
 * standard input closes; {@code save DIR TEXT} opens the store with the default secret file and
 * counter, saves TEXT and prints "saved". Errors are printed instead.
 */
public final class StoreProbe {

  private StoreProbe() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[1]);
    try (FileTrustedStore store =
        args[0].equals("hold")
            ? FileTrustedStore.open(dir, StoreTesting.SECRET)
            : FileTrustedStore.open(dir, DeviceSecret.randomFileIn(dir))) {
      if (args[0].equals("save")) {
        store.save(args[2].getBytes(StandardCharsets.UTF_8));
        System.out.println("saved");
      } else {
        System.out.println("opened");
        System.out.flush();
        System.in.readAllBytes();
      }
    } catch (StoreException e) {
      System.out.println(e.getMessage());
    }
  }

  /** A running child; closing it closes its input and waits for it to end. */
  static final class Child implements AutoCloseable {
    private final Process process;
    private final java.io.BufferedReader out;

    private Child(Process process) {
      this.process = process;
      this.out =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** The child's first line of output. */
    String firstLine() throws IOException {
      return String.valueOf(out.readLine());
    }

    @Override
    public void close() throws Exception {
      process.getOutputStream().close();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /** Starts the probe with {@code args}; {@code umask}, if not empty, is set before Java starts. */
  static Child start(String umask, String... args) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>();
    if (!umask.isEmpty()) {
      command.addAll(List.of("sh", "-c", "umask " + umask + " && exec \"$0\" \"$@\""));
    }
    command.addAll(
        List.of(java, "-cp", System.getProperty("java.class.path"), StoreProbe.class.getName()));
    command.addAll(List.of(args));
    return new Child(
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start());
  }

  static final Duration TIMEOUT = Duration.ofSeconds(30);
}
