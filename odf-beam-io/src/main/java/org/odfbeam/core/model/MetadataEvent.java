package org.odfbeam.core.model;

/**
 * Represents a transaction that occurred on a dataset: the payload of a {@link MetadataBlock}.
 *
 * <p>FlatBuffers union {@code MetadataEvent}; each member record carries {@link Variant} with its YAML tag and
 * union type id: AddData 1, ExecuteTransform 2, Seed 3, SetPollingSource 4, SetTransform 5, SetVocab 6,
 * SetAttachments 7, SetInfo 8, SetLicense 9, SetDataSchema 10, AddPushSource 11, DisablePushSource 12,
 * DisablePollingSource 13.
 */
public sealed interface MetadataEvent
    permits AddData, ExecuteTransform, Seed, SetPollingSource, SetTransform, SetVocab, SetAttachments,
        SetInfo, SetLicense, SetDataSchema, AddPushSource, DisablePushSource, DisablePollingSource {

  /** The YAML tag of this event, e.g. {@code "AddData"} (the {@link Variant#name()} of its class). */
  default String kindName() {
    return Variants.of(getClass()).name();
  }
}
