-- Custom headers a webhook sends on every attempt (docs/api.md). Stored like the signing secret:
-- "Name: value" lines sealed with the secrets key ($vk1$... as SecretCipher writes it), NULL when
-- the webhook has none. Only names are ever shown after the response that set them.
ALTER TABLE webhooks ADD COLUMN headers TEXT;
