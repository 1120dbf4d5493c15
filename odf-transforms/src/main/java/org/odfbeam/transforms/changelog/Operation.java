package org.odfbeam.transforms.changelog;

/**
 * ODF operation types, the values of a dataset's {@code op} column (spec "Representation of Retractions and
 * Corrections", RFC-015): {@code 0} append ({@code +A}), {@code 1} retract ({@code -R}), {@code 2} correct-from
 * ({@code -C}, the old values of a corrected record) and {@code 3} correct-to ({@code +C}, its new values, which must
 * immediately follow the {@code -C}). The column is INT32 on disk (kamu-cli issue 445) although the spec's Arrow
 * type is uint8.
 */
public enum Operation {
  /** {@code +A}: a record appears. */
  APPEND(0, "+A"),
  /** {@code -R}: a record disappears; carries the retracted record's values. */
  RETRACT(1, "-R"),
  /** {@code -C}: first half of a correction; carries the old values. */
  CORRECT_FROM(2, "-C"),
  /** {@code +C}: second half of a correction; carries the new values and immediately follows its {@code -C}. */
  CORRECT_TO(3, "+C");

  private final int code;
  private final String shortCode;

  Operation(int code, String shortCode) {
    this.code = code;
    this.shortCode = shortCode;
  }

  /** The value stored in the {@code op} column. */
  public int code() {
    return code;
  }

  /** The spec's short code: {@code +A}, {@code -R}, {@code -C} or {@code +C}. */
  public String shortCode() {
    return shortCode;
  }

  /**
   * The operation stored as {@code code}.
   *
   * @throws IllegalArgumentException naming the value if it is not 0 to 3
   */
  public static Operation ofCode(int code) {
    return switch (code) {
      case 0 -> APPEND;
      case 1 -> RETRACT;
      case 2 -> CORRECT_FROM;
      case 3 -> CORRECT_TO;
      default -> throw new IllegalArgumentException("Unknown operation type " + code
          + ": ODF defines 0 (+A), 1 (-R), 2 (-C) and 3 (+C)");
    };
  }

  /** True for 0 to 3. */
  public static boolean isValid(int code) {
    return code >= 0 && code <= 3;
  }
}
