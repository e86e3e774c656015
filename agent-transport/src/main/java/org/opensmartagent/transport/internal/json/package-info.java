/** The Smart Transport JSON envelope; the only package that uses Jackson. Not API. */
package org.opensmartagent.transport.internal.json;
