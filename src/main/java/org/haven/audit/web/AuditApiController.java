package org.haven.audit.web;

import org.haven.audit.AuditTrail;
import org.haven.audit.ChainVerification;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;

@RestController
class AuditApiController {

	private final AuditTrail trail;

	AuditApiController(AuditTrail trail) {
		this.trail = trail;
	}

	@Operation(operationId = "verifyAuditChain", summary = "Verify the audit chain (admins only)",
			tags = "Administration",
			description = "Recomputes the hash chain of the audit trail; intact is false and firstBrokenId names the first entry that does not match if it was altered.")
	@GetMapping("/api/v1/admin/audit/verification")
	ChainVerification verification() {
		return trail.verify();
	}

}
