package org.odfbeam.core.model;

import java.util.List;
import java.util.Objects;

/**
 * Pulls data from one of the supported sources by its URL.
 *
 * @param url URL of the data source
 * @param eventTime Describes how event time is extracted from the source metadata. (optional)
 * @param cache Describes the caching settings used for this source. (optional)
 * @param headers Headers to pass during the request (e.g. HTTP Authorization) (optional)
 */
@Variant(name = "Url", id = 1)
public record FetchStepUrl(
    String url,
    @Nullable EventTimeSource eventTime,
    @Nullable SourceCaching cache,
    @Nullable List<RequestHeader> headers) implements FetchStep {
  /** Checks required fields and copies lists. */
  public FetchStepUrl {
    Objects.requireNonNull(url, "FetchStepUrl.url is required");
    headers = headers == null ? null : List.copyOf(headers);
  }
}
