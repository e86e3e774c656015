/** Implementation of the trusted store. Not public API: may change without notice. */
package org.opensmartagent.core.store.internal;
