/**
 * Implementation of the HTTP transports: the OkHttp channel, status and failure mapping, proxy
 * authentication and TLS trust. Not API; may change without notice.
 */
package org.opensmartagent.transport.internal;
