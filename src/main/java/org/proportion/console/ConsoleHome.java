package org.proportion.console;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page and the console's first page, which lists only what the account's role may do. */
@Controller
class ConsoleHome {

	/** The registration id the partnership's identity provider is configured under. */
	static final String PARTNERSHIP = "partnership";

	private final ObjectProvider<ClientRegistrationRepository> identityProvider;

	ConsoleHome(ObjectProvider<ClientRegistrationRepository> identityProvider) {
		this.identityProvider = identityProvider;
	}

	/** Offers the partnership's identity provider beside the form only when one is registered. */
	@GetMapping("/login")
	String login(Model model) {
		ClientRegistrationRepository registrations = identityProvider.getIfAvailable();
		ClientRegistration partnership = registrations == null ? null : registrations.findByRegistrationId(PARTNERSHIP);
		if (partnership != null) {
			model.addAttribute("providerName", partnership.getClientName());
			model.addAttribute("providerLink", "/oauth2/authorization/" + PARTNERSHIP);
		}
		return "console/login";
	}

	@GetMapping("/console")
	String home(Authentication who, Model model) {
		model.addAttribute("organiser", Roles.organiser(who));
		model.addAttribute("dpo", Roles.dpo(who));
		return "console/home";
	}

}
