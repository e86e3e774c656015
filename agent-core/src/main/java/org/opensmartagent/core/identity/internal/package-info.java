/** Implementation of device identity; not a public API and subject to change. */
package org.opensmartagent.core.identity.internal;
