package org.opensmartagent.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Makes the library's messages fit an operator's terminal and the shell's own words. */
public final class Messages {
  /** Longer runs of non-space characters are cut (e.g. a 5,000-character PID echoed back). */
  static final int LONGEST_WORD = 120;

  private static final Pattern WORD = Pattern.compile("\\S{" + (LONGEST_WORD + 1) + ",}");

  private Messages() {}

  /**
   * {@code message} with over-long words shortened (the first 60 characters, then how many there
   * were) and the library's "register with force" named as the shell's option.
   */
  public static String forOperator(String message) {
    Matcher m = WORD.matcher(message);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String w = m.group();
      m.appendReplacement(
          b, Matcher.quoteReplacement(w.substring(0, 60) + "... (" + w.length() + " characters)"));
    }
    m.appendTail(b);
    return b.toString()
        .replace("Register with force", "Register with --force (or use reregister)")
        .replace("register with force", "register with --force (or use reregister)");
  }
}
