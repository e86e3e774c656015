package org.opensmartagent.core.store;

import java.nio.file.Path;

/** Run in a child JVM: tries to open the store in {@code args[0]} and prints what happened. */
public final class LockProbe {

  private LockProbe() {}

  public static void main(String[] args) {
    try (FileTrustedStore store = FileTrustedStore.open(Path.of(args[0]), StoreTesting.SECRET)) {
      System.out.print("opened");
    } catch (StoreException e) {
      System.out.print(e.getMessage());
    }
  }

  /** Runs the probe in a new JVM against {@code directory} and returns its output. */
  static String runAgainst(Path directory) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process process =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                LockProbe.class.getName(),
                directory.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String output = new String(process.getInputStream().readAllBytes());
    process.waitFor();
    return output;
  }
}
