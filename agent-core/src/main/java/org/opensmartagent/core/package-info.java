/**
 * The device-side smart licensing agent: {@link org.opensmartagent.core.SmartAgent}, its
 * configuration, the licensing value types, the state enums, status snapshots and events.
 *
 * <p>Everything under {@code internal} packages is an implementation detail and may change in any
 * release.
 */
package org.opensmartagent.core;
