package org.proportion.partnership;

import java.util.List;

import org.proportion.model.DataSharingAgreement;
import org.proportion.model.Meeting;
import org.proportion.model.Organisation;

/** The registry file a partnership admin keeps: its organisations, agreements and meetings. */
public record Partnership(List<Organisation> organisations, List<DataSharingAgreement> agreements,
		List<Meeting> meetings) {

	public Partnership {
		organisations = List.copyOf(organisations);
		agreements = List.copyOf(agreements);
		meetings = List.copyOf(meetings);
	}

}
