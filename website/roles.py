"""The names of the groups that make up Dalil's roles (created by a data migration)."""

CUSTOMERS = "Customers"
MODERATORS = "Moderators"
SUPPORT_STAFF = "Support staff"

ALL_ROLES = (CUSTOMERS, MODERATORS, SUPPORT_STAFF)
