package org.odfbeam.transforms.merge;

import java.io.Serializable;
import org.odfbeam.data.Vocabulary;

/** The system column names of a {@link Vocabulary}, serializable for the workers. */
record Columns(String offset, String op, String systemTime, String eventTime) implements Serializable {
  static final Columns DEFAULT = of(Vocabulary.DEFAULT);

  static Columns of(Vocabulary v) {
    return new Columns(v.offsetColumn(), v.operationTypeColumn(), v.systemTimeColumn(), v.eventTimeColumn());
  }

  Vocabulary vocabulary() {
    return new Vocabulary(offset, op, systemTime, eventTime);
  }
}
