-- Custom headers a webhook sends on every attempt (docs/api.md). Stored like the signing secret:
-- "Name: value" lines sealed with the secrets key ($vk1$... as SecretCipher writes it), NULL when
-- the webhook has none. Their names (not secret) are kept apart, one per line, so that reading or
-- listing webhooks never decrypts anything.
ALTER TABLE webhooks ADD COLUMN headers TEXT;
ALTER TABLE webhooks ADD COLUMN header_names TEXT;
