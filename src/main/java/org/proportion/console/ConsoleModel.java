package org.proportion.console;

import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page's header needs: who is signed in and which sections they may open. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

	@ModelAttribute
	void signedIn(Authentication who, Model model) {
		model.addAttribute("signedInAs", who == null ? null : who.getName());
		model.addAttribute("canOrganise", Roles.organiser(who));
		model.addAttribute("canReview", Roles.dpo(who));
	}

}
