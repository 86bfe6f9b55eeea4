package org.proportion.console;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page and the console's first page, which lists only what the account's role may do. */
@Controller
class ConsoleHome {

	@GetMapping("/login")
	String login() {
		return "console/login";
	}

	@GetMapping("/console")
	String home(Authentication who, Model model) {
		model.addAttribute("organiser", Roles.organiser(who));
		model.addAttribute("dpo", Roles.dpo(who));
		return "console/home";
	}

}
