/**
 * The licensing engine behind {@link org.opensmartagent.core.SmartAgent}. Not API: may change in
 * any release.
 */
package org.opensmartagent.core.internal;
