package org.proportion.web;

import org.proportion.pack.PackRepository;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves an attendee's latest released view, as stored at build time: nothing is decided or
 * re-rendered here. Until attendee sign-in lands, the server listens on loopback only.
 */
@RestController
class ViewController {

	private final PackRepository packs;

	ViewController(PackRepository packs) {
		this.packs = packs;
	}

	@GetMapping(value = "/meetings/{meeting}/views/{attendee}.html", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> html(@PathVariable String meeting, @PathVariable String attendee) {
		return ResponseEntity.of(packs.latestView(meeting, attendee, true));
	}

	@GetMapping(value = "/meetings/{meeting}/views/{attendee}.json", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> json(@PathVariable String meeting, @PathVariable String attendee) {
		return ResponseEntity.of(packs.latestView(meeting, attendee, false));
	}

}
