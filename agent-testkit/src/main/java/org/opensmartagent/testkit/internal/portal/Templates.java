package org.opensmartagent.testkit.internal.portal;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The portal's Pebble templates, read from the class path. Every {@code {{ value }}} is
 * HTML-escaped (Pebble's default, kept on here); a template naming a variable it was not given
 * fails instead of printing nothing. Thread-safe.
 */
final class Templates {
  private final PebbleEngine engine;

  Templates() {
    ClasspathLoader loader = new ClasspathLoader(Templates.class.getClassLoader());
    loader.setPrefix("org/opensmartagent/testkit/internal/portal/templates");
    loader.setSuffix(".peb");
    this.engine =
        new PebbleEngine.Builder()
            .loader(loader)
            .autoEscaping(true)
            .defaultEscapingStrategy("html")
            .strictVariables(true)
            .build();
  }

  /** Renders template {@code name} with {@code model}. */
  String render(String name, Map<String, Object> model) {
    StringWriter out = new StringWriter();
    try {
      engine.getTemplate(name).evaluate(out, model);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
