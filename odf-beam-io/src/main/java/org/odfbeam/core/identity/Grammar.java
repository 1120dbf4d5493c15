package org.odfbeam.core.identity;

import java.util.regex.Pattern;

/**
 * The ODF identity grammar as kamu implements it (kamu-data/kamu-cli:src/odf/metadata/src/formats/grammar.rs).
 *
 * <pre>
 * Subdomain   = [a-zA-Z0-9]+ ("-" [a-zA-Z0-9]+)*
 * Hostname    = Subdomain ("." Subdomain)*
 * DatasetName = AccountName = RepoName = Hostname
 * </pre>
 *
 * kamu's matcher is greedy without backtracking; for a whole-string match it accepts exactly this regular language.
 */
final class Grammar {
  private static final String SUBDOMAIN = "[a-zA-Z0-9]+(?:-[a-zA-Z0-9]+)*";
  private static final Pattern HOSTNAME = Pattern.compile(SUBDOMAIN + "(?:\\." + SUBDOMAIN + ")*");

  private Grammar() {}

  /** True if the whole string is a Hostname. */
  static boolean isHostname(String s) {
    return s != null && HOSTNAME.matcher(s).matches();
  }
}
