package org.odfbeam.data;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import org.odfbeam.core.model.SetVocab;

class VocabularyTest {
  @Test
  void theDefaultVocabularyNeedsNoSetVocab() {
    assertThat(Vocabulary.DEFAULT.toSetVocab(), nullValue());
    assertThat(new Vocabulary("offset", "op", "system_time", "event_time").toSetVocab(), nullValue());
  }

  @Test
  void setVocabHoldsOnlyTheNamesThatDifferFromTheDefaults() {
    // As kamu's manifests write it: kamu-data/kamu-cli:examples/covid/british-columbia.case-details.yaml
    // has `kind: SetVocab` with only `eventTimeColumn: reported_date`.
    Vocabulary v = new Vocabulary("offset", "op", "system_time", "reported_date");
    assertThat(v.toSetVocab(), equalTo(new SetVocab(null, null, null, "reported_date")));
    Vocabulary all = new Vocabulary("o", "operation", "st", "et");
    assertThat(all.toSetVocab(), equalTo(new SetVocab("o", "operation", "st", "et")));
  }

  @Test
  void ofInvertsToSetVocab() {
    for (Vocabulary v : new Vocabulary[] {Vocabulary.DEFAULT, new Vocabulary("offset", "operation", "st", "et"),
        new Vocabulary("o", "op", "system_time", "event_time")}) {
      assertThat(Vocabulary.of(v.toSetVocab()), equalTo(v));
    }
  }

  @Test
  void isSerializable() throws IOException, ClassNotFoundException {
    Vocabulary v = new Vocabulary("o", "operation", "st", "et");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(v);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject(), equalTo(v));
    }
  }
}
