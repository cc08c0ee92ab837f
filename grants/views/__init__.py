"""The grants app's views, split by who uses them: applicant, staff (civil servants), public."""
