"""PHI-bearing sentence templates, as split-aware :class:`Variants` tables.

``shared`` templates are used by every split; ``heldout`` templates only ever appear in the
test split. Slots (``{dr}``, ``{date}``...) are filled with fragments by ``sections.py``.
"""

# Content tables: one clinical sentence or phrase per string reads better than wrapped text.
# ruff: noqa: E501

from __future__ import annotations

from radscrub.corpus.split import Variants

# --- section labels ------------------------------------------------------------------------------
LABEL_HISTORY = Variants(
    ("CLINICAL HISTORY:", "HISTORY:", "INDICATION:", "CLINICAL INDICATION:", "REASON FOR EXAM:",
     "Clinical history:", "History:", "Indication:", "Reason for study:", "HX:"),
    ("CLINICAL DATA:", "Clinical question:", "Referral reason:", "INDICATIONS FOR STUDY:"),
)  # fmt: skip
LABEL_COMPARISON = Variants(
    ("COMPARISON:", "Comparison:", "COMPARISONS:", "Prior studies:", "Compared to:", "COMP:",
     "PRIOR EXAMS:"),
    ("Correlation:", "Reference exam(s):", "Previous imaging reviewed:"),
)  # fmt: skip
LABEL_TECHNIQUE = Variants(
    ("TECHNIQUE:", "Technique:", "PROCEDURE:", "Protocol:", "METHOD:"),
    ("Acquisition:", "How performed:"),
)
LABEL_FINDINGS = Variants(("FINDINGS:", "Findings:", "FINDINGS", "REPORT:"), ("Observations:", "RESULTS:"))  # fmt: skip
LABEL_IMPRESSION = Variants(
    ("IMPRESSION:", "Impression:", "IMPRESSION", "CONCLUSION:", "IMP:", "SUMMARY:"),
    ("Assessment:", "Opinion:", "DIAGNOSTIC IMPRESSION:"),
)  # fmt: skip

# --- history -------------------------------------------------------------------------------------
HISTORY_AGE = Variants(
    ("{age}-year-old {sexw} with {reason}.", "{age} year old {sexw}, {reason}.",
     "{age} y/o {sexa} {reason}.", "{age}yo {sexa} with {reason}", "Pt is a {age} yo {sexw} presenting with {reason}.",
     "{reason}. {age}-year-old {sexw}.", "{age} YO {sexa}. {reason}", "{age}-year-old {sexw} presents with {reason}.",
     "{age} {sexa} {reason}", "This is a {age} year-old {sexw} with {reason}."),
    ("{sexw_cap}, aged {age}, referred for {reason}.", "{reason} in a {age}-yr-old {sexw}.",
     "A {age} years old {sexw} with {reason}.", "Patient age {age}; {reason}."),
)  # fmt: skip
HISTORY_RELATIVE = Variants(
    ("History obtained per patient's {relation} {rel}.", "Per patient's {relation} {rel}, {event}.",
     "Patient's {relation}, {rel}, at bedside provided history.", "Additional history from {relation} ({rel}) who states {event}.",
     "{rel} ({relation}) reports {event}.", "Per {relation} {rel}, {event}.", "Contact: {rel} ({relation}) {phone}."),
    ("Collateral from {relation} {rel}: {event}.", "According to the {relation}, {rel}, {event}.",
     "Called {relation} {rel} at {phone} for history; {event}."),
)  # fmt: skip
RELATIVE_EVENTS = (
    "the patient fell at home this morning", "symptoms began 3 days ago", "the patient has been more confused",
    "there was a witnessed syncopal episode", "the patient has not been eating well", "the left leg has been swollen",
    "the cough has worsened over a week", "the patient was found down", "there has been 10 lb weight loss",
    "pain has been 8/10 since yesterday", "the patient will not bear weight", "BP was 190/100 at home",
)  # fmt: skip
HISTORY_TRANSFER = Variants(
    ("Transferred from {hospital} for higher level of care.", "Outside imaging from {hospital} reviewed.",
     "Presented to {hospital} ED on {date} with {reason}.", "Transfer from {hospital}; outside CT reportedly showed {reason}.",
     "OSH transfer ({hospital})."),
    ("Seen at {hospital} on {date}; sent here for further workup.", "Arrived by transfer, sending facility {hospital}."),
)  # fmt: skip
HISTORY_SURGERY = Variants(
    ("Status post {surgery} on {date}.", "S/p {surgery} ({date}).", "History of {surgery} {date} at {hospital}.",
     "Prior {surgery} in {year}.", "Hx of {surgery}, {year}.", "Postop from {surgery} {date}."),
    ("{surgery} performed {date} by {dr}.", "Underwent {surgery} at {hospital} ({date})."),
)  # fmt: skip
HISTORY_RESIDENCE = Variants(
    ("Resides at {care_facility} in {city}.", "Nursing home resident ({care_facility}).", "Lives alone in {city}.",
     "Sent from {care_facility}.", "Patient is a resident of {care_facility}, {city}, {state}.",
     "Lives in rural {county}.", "Transferred from a critical access hospital in {county}."),
    ("Lives with {relation} in {city}, {state} {zip}.", "Home address {street}, {city} {state} {zip}."),
)  # fmt: skip
HISTORY_TRAUMA = Variants(
    ("Restrained driver in high-speed MVC per {ems}; vehicle {kind} {vid}, EMS run #{run}.",
     "MVC. Per {ems} report (run {run}), driver of {vehicle} {kind} {vid}, airbags deployed.",
     "Motorcycle collision; {ems} run number {run}. {kind} {vid}."),
    ("Pedestrian struck by a {vehicle}, {kind} {vid}, per police report.",),
)  # fmt: skip
HISTORY_EMPLOYER = Variants(
    ("Works at {employer}; injured on the job.", "Workers' compensation claim #{claim} ({employer}).",
     "Fell from ladder at work ({employer})."),
    ("Occupational injury at {employer}, claim {claim}.",),
)  # fmt: skip
HISTORY_PCP = Variants(
    ("PCP: {dr}.", "Primary care: {dr} at {practice}.", "Followed by {dr} ({practice}).", "Referred by {dr}, {practice}."),
    ("Referred by PCP {dr} of {practice}.", "Usual physician {dr}."),
)  # fmt: skip
HISTORY_DEVICE = Variants(
    ("MRI safety: {device} ({model}, serial {serial}) confirmed MR conditional; programmed by vendor representative.",
     "Patient has a {device}, SN {serial}.", "{device} in place (serial number {serial}); device check performed.",
     "Implant card reviewed: {device}, {model}, S/N {serial}."),
    ("{device} documented; serial no. {serial}.",),
)  # fmt: skip
HISTORY_HEALTH_PLAN = Variants(
    ("Insurance: {insurer}, member ID {plan}.", "Prior authorization obtained from {insurer} (ID {plan})."),
    ("Coverage {insurer}; subscriber no. {plan}.",),
)  # fmt: skip

# --- comparison ----------------------------------------------------------------------------------
COMPARISON_ITEM = Variants(
    ("{exam} {date}", "{exam} dated {date}", "{date} {exam}", "{exam} from {date}", "{exam} ({date})",
     "{exam} on {date}", "{date}"),
    ("{exam} of {date}", "{exam}, performed {date}"),
)  # fmt: skip
COMPARISON_OUTSIDE = Variants(
    ("outside {exam} from {hospital} dated {date}", "{exam} {date} ({hospital})", "{hospital} {exam} {date}",
     "outside {exam} {date}, report only"),
    ("prior {exam} obtained on {date} at {hospital}",),
)  # fmt: skip
COMPARISON_NONE = Variants(
    ("None.", "None available.", "No prior studies available for comparison.", "No relevant prior imaging.", "NONE"),
    ("No priors on file.",),
)  # fmt: skip

# --- findings / impression inserts ----------------------------------------------------------------
IMPRESSION_INSERT = Variants(
    ("Findings were discussed with {dr} at the time of interpretation.", "Recommendations per {dr} ({practice}).",
     "Compared with outside report from {hospital} dated {date}.", "Postsurgical changes from {surgery} on {date}.",
     "Follow-up as discussed with {dr} on {date}.", "Per {dr}, patient is scheduled for biopsy on {date}.",
     "Result routed to {dr}.", "Outside images from {hospital} were uploaded to PACS and reviewed."),
    ("Please see separate report by {dr} dated {date}.", "Case reviewed with {dr} in tumor board {date}."),
)  # fmt: skip
NOTIFY = Variants(
    ("Results sent to {dr} via EMR.", "A copy of this report was faxed to {dr} at {fax}.", "Report routed to ordering provider {dr}.",
     "Results were left on voicemail for {dr} at {phone}.", "Report faxed to {practice} at {fax}.",
     "cc: {dr}, {practice}"),
    ("Report transmitted by fax ({fax}) to {dr}.", "Copy to {dr} ({phone})."),
)  # fmt: skip

# --- communication of critical results -------------------------------------------------------------
CRITICAL = Variants(
    ("Critical result: {finding}. Discussed with {dr} by telephone at {time} on {date}, read back confirmed.",
     "These findings were communicated to {dr} at {time} on {date} by {rad}.",
     "Findings called to {nurse} at {time}.",
     "Results were discussed directly with {dr} on {date} at {time}; read-back was performed.",
     "I personally called {dr} ({phone}) at {time} to discuss the {finding}.",
     "The {finding} was reported to {dr}, the ordering provider, via secure chat at {time} on {date}.",
     "The critical findings were communicated via the critical results reporting system to {dr} on {date} at {time}.",
     "{finding} discussed with {dr} at {time}.",
     "Called to {nurse} at {time} on {date}, who will notify the team."),
    ("Spoke with {dr} regarding the {finding} at {time} on {date}; they acknowledged receipt.",
     "At {time} on {date} the {finding} was relayed to {dr} who verbalized understanding.",
     "Notified {nurse} caring for the patient at {time}, who will inform the covering team.",
     "Per departmental critical results policy, {dr} was paged ({pager}) and called back at {time}."),
)  # fmt: skip

# --- signature / attestation -------------------------------------------------------------------
ATTESTATION = Variants(
    ("I have personally reviewed the images and agree with the findings as stated.",
     "I have reviewed the images and agree with the resident's interpretation.",
     "Attending attestation: I have personally reviewed the study and agree with the above report.",
     "I, {rad}, have reviewed the images and concur with the report."),
    ("Staff radiologist review: concur with trainee findings.", "Images and report reviewed; agree ({rad})."),
)  # fmt: skip
SIGNED = Variants(
    ("Electronically signed by: {rad} on {date} {time}", "Electronically signed by {rad} on {date} at {time}.",
     "Signed: {rad}\nDate: {date}", "Reading Radiologist: {rad}\nSigned {date} {time}",
     "Signed by {rad} {date} {time}", "Final report signed by {rad} on {date} {time}",
     "E-signed: {rad} {date} {time}", "Interpreted by: {rad}\nSigned on: {date} at {time}"),
    ("Verified by {rad} - {date}, {time}.", "Report finalized {date} {time} by {rad}.", "Authenticated: {rad} ({date})"),
)  # fmt: skip
DICTATED = Variants(
    ("Dictated by: {rad}", "Dictated by {rad}", "Dictating radiologist: {rad}", "Dictated: {date} {time}",
     "Read by: {rad}"),
    ("Voice recognition by {rad}",),
)  # fmt: skip
TRANSCRIBED = Variants(
    ("Transcribed by: {ts} {date} {time}", "Transcribed by {ts}", "Transcriptionist: {ts}", "T: {date} {time} {ts}"),
    ("Typed by {ts}",),
)  # fmt: skip
TECHNOLOGIST = Variants(
    ("Technologist: {tech}", "Tech: {tech}", "Performed by: {tech}", "Technologist: {tech}\nExam completed: {date} {time}",
     "Sonographer: {tech}"),
    ("Scanned by {tech}",),
)  # fmt: skip
CONTACT = Variants(
    ("Pager: {pager}", "Reading room: {phone}", "Questions: call {phone} {ext}", "pager {pager}",
     "Contact: {email}", "Phone {phone}, fax {fax}", "Radiology reading room ext. {bare_ext}"),
    ("Reach the radiologist at {phone} or via beeper {pager}.",),
)  # fmt: skip
TECHNOLOGIST_NON_US = Variants(
    tuple(t for t in TECHNOLOGIST.shared if not t.startswith("Sonographer")), TECHNOLOGIST.heldout
)
LICENSE = Variants(("{kind}: {npi}", "{kind} {npi}", "{kind} #{npi}"), ("Credential no. {npi}",))

# --- footers ---------------------------------------------------------------------------------------
FOOTER = Variants(
    ("Images available at: {url}", "PACS node: {ip}", "Study UID: {uid}", "Order #: {order}",
     "For questions regarding this report call {phone}.", "Fax results to {fax}.",
     "Patient portal: {url}", "Images transmitted from {ip} ({station}).", "Req #: {order}",
     "Report e-mailed to {email}.", "DICOM Study Instance UID {uid}"),
    ("Viewer link {url}", "Source modality address {ip}.", "Requisition reference {order}."),
)  # fmt: skip

# --- preliminary / final / addendum --------------------------------------------------------------
PRELIM = Variants(
    ("PRELIMINARY REPORT - {org}\nPreliminary interpretation by {dr} at {time} on {date}: {summary} Final report to follow.",
     "*** PRELIMINARY REPORT ***\nWet read by {dr}: {summary}",
     "Preliminary read provided by {org} ({dr}) at {time}: {summary}",
     "PRELIM: {summary} -- {dr}, {org}, {date} {time}"),
    ("Overnight provisional opinion from {org} ({dr}, {time}): {summary}",),
)  # fmt: skip
FINAL_AFTER_PRELIM = Variants(
    ("FINAL REPORT: Agree with the preliminary interpretation by {dr} ({org}) on {date} at {time}.",
     "Final read: concur with preliminary report by {dr}.",
     "FINAL: Discrepancy with preliminary interpretation by {dr}; the revised impression was discussed with {dr2} at {time} on {date}."),
    ("Attending over-read: in agreement with {dr} ({org}) provisional report.",),
)  # fmt: skip
ADDENDUM_HEAD = Variants(
    ("ADDENDUM:", "ADDENDUM #1:", "*** ADDENDUM ***", "Addendum ({date} {time}):", "ADDENDUM {date}:"),
    ("Supplementary note:", "Report amended {date}:"),
)  # fmt: skip
ADDENDUM_BODY = Variants(
    ("Outside comparison from {hospital} dated {date} is now available; the findings are stable.",
     "Correction: the laterality in the impression should read left rather than right.",
     "Additional history per {dr}: patient had {surgery} on {date}.",
     "The findings were discussed with {dr} by telephone at {time} on {date}.",
     "Prior exam from {date} was reviewed after the initial report; no change to impression.",
     "Per discussion with {dr}, follow-up imaging is scheduled."),
    ("Late-arriving priors ({date}) reviewed; conclusion unchanged.",),
)  # fmt: skip

# --- outpatient letters ----------------------------------------------------------------------------
LETTER_OPEN = Variants(
    ("Dear Dr. {last},\nThank you for referring {patient} for imaging.",
     "Referring physician: {dr}\nThank you for this referral."),
    ("Re: {patient}, DOB {dob}\nDear Dr. {last}, we saw your patient today.",
     "To: {dr} | From: {org}\nRegarding your patient {patient}:"),
)  # fmt: skip
