/**
 * Accounts and who may do what: registration with email verification, invitations for
 * therapists and admins, sign-in with a TOTP second factor, password reset, sessions and
 * roles.
 */
@ApplicationModule(displayName = "Identity", allowedDependencies = { "shared", "audit" })
package org.haven.identity;

import org.springframework.modulith.ApplicationModule;
