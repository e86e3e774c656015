package org.opensmartagent.core.store.internal;

/** What one generation file ({@code state.cur} or {@code state.prev}) holds. */
public sealed interface FileState {

  /** The file does not exist. */
  record Missing() implements FileState {}

  /** The file exists but cannot be trusted; {@code reason} reads after the file name. */
  record Invalid(String reason) implements FileState {}

  /** An authentic generation. The payload array is owned by this record; do not modify it. */
  record Valid(long generation, byte[] payload) implements FileState {}
}
