/**
 * The append-only, hash-chained audit trail of sign-ins, account changes and every access
 * to health data. Depends on nothing but {@code shared}.
 */
@ApplicationModule(displayName = "Audit", allowedDependencies = { "shared" })
package org.haven.audit;

import org.springframework.modulith.ApplicationModule;
