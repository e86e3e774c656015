/**
 * The trusted store: where the agent keeps its whole state as one opaque payload.
 *
 * <p>{@link org.opensmartagent.core.store.TrustedStore} is the contract; {@link
 * org.opensmartagent.core.store.FileTrustedStore} is the durable implementation, {@link
 * org.opensmartagent.core.store.InMemoryTrustedStore} and {@link
 * org.opensmartagent.core.store.FaultInjectingTrustedStore} serve tests and diskless devices.
 * Everything under {@code store.internal} is implementation detail and may change without notice.
 */
package org.opensmartagent.core.store;
