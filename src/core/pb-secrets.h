/* pb-secrets.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PB_SECRETS_ERROR (pb_secrets_error_quark ())

typedef enum
{
  PB_SECRETS_ERROR_UNAVAILABLE,  /* no Secret Service, or it does not answer */
  PB_SECRETS_ERROR_LOCKED,       /* the keyring is locked and was not unlocked */
  PB_SECRETS_ERROR_NOT_FOUND,    /* no password is stored for the account */
  PB_SECRETS_ERROR_INVALID,      /* no server or user name to store it under */
  PB_SECRETS_ERROR_FAILED,
} PbSecretsError;

typedef enum
{
  PB_SECRETS_LOOKUP_DEFAULT = 0,
  PB_SECRETS_LOOKUP_UNLOCK  = 1 << 0,  /* may ask the user to unlock the keyring */
} PbSecretsLookupFlags;

/* A password read from the keyring. Its memory is wiped when freed. */
typedef struct
{
  char    *password;
  guint64  modified;   /* when the keyring item last changed, unix seconds */
} PbSecret;

GQuark     pb_secrets_error_quark  (void);
void       pb_secret_free          (PbSecret              *secret);

void       pb_secrets_store_async  (const char            *host,
                                    const char            *username,
                                    const char            *password,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data);
gboolean   pb_secrets_store_finish (GAsyncResult          *result,
                                    GError               **error);
gboolean   pb_secrets_store_sync   (const char            *host,
                                    const char            *username,
                                    const char            *password,
                                    GCancellable          *cancellable,
                                    GError               **error);

void       pb_secrets_lookup_async (const char            *host,
                                    const char            *username,
                                    PbSecretsLookupFlags   flags,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data);
PbSecret  *pb_secrets_lookup_finish (GAsyncResult         *result,
                                     GError              **error);
PbSecret  *pb_secrets_lookup_sync  (const char            *host,
                                    const char            *username,
                                    PbSecretsLookupFlags   flags,
                                    GCancellable          *cancellable,
                                    GError               **error);

void       pb_secrets_forget_async (const char            *host,
                                    const char            *username,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data);
gboolean   pb_secrets_forget_finish (GAsyncResult         *result,
                                     gboolean             *removed,
                                     GError              **error);
gboolean   pb_secrets_forget_sync  (const char            *host,
                                    const char            *username,
                                    gboolean              *removed,
                                    GCancellable          *cancellable,
                                    GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbSecret, pb_secret_free)

G_END_DECLS
