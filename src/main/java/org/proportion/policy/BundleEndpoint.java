package org.proportion.policy;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * OPA's bundle service: OPA polls {@code GET /opa/bundles/proportion.tar.gz} (configured by
 * ./proportion with {@code services}/{@code bundles} settings) and activates what it gets in one
 * transaction. Only a bundle that passed validation is ever served; before one has, the answer is
 * 404 and OPA keeps what it has (or nothing). OPA downloads a bundle once, unless the gateway has
 * seen OPA serve something else and forces a reload. Policies are
 * not personal data; the endpoint needs no account, and OPA's own API is what the token protects.
 * The ETag is the revision and a reload generation (see {@link LiveBundle#forceReload()}).
 */
@RestController
class BundleEndpoint {

	static final String PATH = "/opa/bundles/proportion.tar.gz";

	private final LiveBundle live;

	BundleEndpoint(LiveBundle live) {
		this.live = live;
	}

	@GetMapping(PATH)
	ResponseEntity<byte[]> bundle(@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String etag) {
		PolicyBundle bundle = live.current();
		if (bundle == null) {
			return ResponseEntity.notFound().build();
		}
		String tag = live.etag(bundle);
		if (tag.equals(etag)) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(tag).build();
		}
		return ResponseEntity.ok()
			.eTag(tag)
			.contentType(MediaType.parseMediaType("application/gzip"))
			.body(bundle.bytes());
	}

}
