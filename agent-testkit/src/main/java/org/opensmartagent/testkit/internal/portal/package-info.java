/**
 * The mock license server's web portal under {@code /portal}: server-rendered pages (Pebble
 * templates, escaped by default) over the same {@link
 * org.opensmartagent.testkit.internal.LicenseService} the admin API calls, signed in with the admin
 * token, with an HttpOnly session cookie, CSRF tokens on every form and a strict
 * Content-Security-Policy.
 */
package org.opensmartagent.testkit.internal.portal;
