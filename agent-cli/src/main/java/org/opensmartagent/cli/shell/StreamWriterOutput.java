package org.opensmartagent.cli.shell;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** An output stream that hands UTF-8 text to a writer on every flush (JLine over test streams). */
final class StreamWriterOutput extends OutputStream {
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final PrintWriter out;

  StreamWriterOutput(PrintWriter out) {
    this.out = out;
  }

  @Override
  public synchronized void write(int b) {
    buffer.write(b);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    buffer.write(b, off, len);
  }

  @Override
  public synchronized void flush() {
    out.write(buffer.toString(StandardCharsets.UTF_8));
    buffer.reset();
    out.flush();
  }

  @Override
  public void close() {
    flush();
  }
}
