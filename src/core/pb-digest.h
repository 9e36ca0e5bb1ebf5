/* pb-digest.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pb-mailer.h"
#include "pb-store.h"

G_BEGIN_DECLS

#define PB_DIGEST_ERROR (pb_digest_error_quark ())

typedef enum
{
  PB_DIGEST_ERROR_SETTINGS,   /* the settings cannot send a digest (no server, bad address…) */
  PB_DIGEST_ERROR_FAILED,
} PbDigestError;

/* What chooses, addresses and sends a digest: the digest and mail account
 * keys of the settings, read at one moment. Plain data, so that it can go to
 * a worker thread. */
typedef struct
{
  gboolean        enabled;
  char           *time;           /* "HH:MM", local */
  gboolean        weekdays_only;
  char           *from;           /* may be "": the user name, when it is an address */
  GStrv           recipients;
  guint           max_papers;
  GStrv           keywords;
  int             min_upvotes;
  gboolean        skip_empty;

  char           *host;
  guint           port;
  PbSmtpSecurity  security;
  char           *username;
  char           *ca_file;
} PbDigestConfig;

typedef enum
{
  PB_DIGEST_OUTCOME_NOT_DUE,   /* nothing to do now */
  PB_DIGEST_OUTCOME_PAUSED,    /* due, but waiting for the user: settings or password */
  PB_DIGEST_OUTCOME_SENT,      /* delivered to every recipient (or some; see message) */
  PB_DIGEST_OUTCOME_EMPTY,     /* nothing new, nothing sent */
  PB_DIGEST_OUTCOME_RETRY,     /* failed for now; tried again later the same day */
  PB_DIGEST_OUTCOME_FAILED,    /* failed; not tried again for that day */
} PbDigestOutcome;

/* What one run did, for the command line, the window and the service. */
typedef struct
{
  PbDigestOutcome  outcome;
  char            *day;          /* (nullable): the digest day concerned */
  char            *message;      /* what happened, in words */
  gint64           next_check;   /* unix seconds when running again may do something; 0 = unknown */
  guint            n_papers;
  guint            n_delivered;
} PbDigestReport;

#define PB_TYPE_DIGEST (pb_digest_get_type ())

G_DECLARE_FINAL_TYPE (PbDigest, pb_digest, PB, DIGEST, GObject)

GQuark           pb_digest_error_quark        (void);

PbDigestConfig  *pb_digest_config_new_from_settings (GSettings            *settings);
PbDigestConfig  *pb_digest_config_copy        (const PbDigestConfig  *config);
void             pb_digest_config_free        (PbDigestConfig        *config);
const char      *pb_digest_config_get_sender  (const PbDigestConfig  *config);
gboolean         pb_digest_config_check       (const PbDigestConfig  *config,
                                               GError               **error);
gboolean         pb_digest_parse_time         (const char            *text,
                                               int                   *hour,
                                               int                   *minute);

void             pb_digest_report_free        (PbDigestReport        *report);
const char      *pb_digest_outcome_to_string  (PbDigestOutcome        outcome);
const char      *pb_digest_describe_attempt_kind   (const char        *kind);
const char      *pb_digest_describe_attempt_result (const char        *result);

/* The digest itself: papers and the settings that chose them. */
PbDigest        *pb_digest_new                (const char            *day,
                                               const char            *since_day,
                                               GPtrArray             *papers,
                                               const PbDigestConfig  *config);
PbDigest        *pb_digest_select             (PbStore               *store,
                                               const PbDigestConfig  *config,
                                               const char            *day,
                                               GError               **error);
const char      *pb_digest_get_day            (PbDigest              *self);
const char      *pb_digest_get_since_day      (PbDigest              *self);
GPtrArray       *pb_digest_get_papers         (PbDigest              *self);

/* Rendering: pure functions of the digest. */
char            *pb_digest_dup_subject        (PbDigest              *self);
char            *pb_digest_render_text        (PbDigest              *self);
char            *pb_digest_render_html        (PbDigest              *self);
char            *pb_digest_render_markup      (PbDigest              *self);
char            *pb_digest_dup_message_id     (PbDigest              *self,
                                               const char            *recipient,
                                               gboolean               scheduled);
GBytes          *pb_digest_build_message      (PbDigest              *self,
                                               const char            *sender,
                                               const char            *recipient,
                                               GDateTime             *date,
                                               const char            *message_id,
                                               GError               **error);

/* Sending. */
gboolean         pb_digest_run_due            (PbStore               *store,
                                               GSettings             *settings,
                                               GDateTime             *now,
                                               GCancellable          *cancellable,
                                               PbDigestReport       **report,
                                               GError               **error);
gboolean         pb_digest_send_now           (PbStore               *store,
                                               const PbDigestConfig  *config,
                                               GDateTime             *now,
                                               const char * const    *recipients,
                                               GCancellable          *cancellable,
                                               PbDigestReport       **report,
                                               GError               **error);

char            *pb_digest_dup_pause_message  (PbStore               *store);
gboolean         pb_digest_note_password_changed (PbStore            *store,
                                                  GError            **error);

void             pb_digest_send_now_async     (const char            *store_path,
                                               const PbDigestConfig  *config,
                                               const char            *password,
                                               GCancellable          *cancellable,
                                               GAsyncReadyCallback    callback,
                                               gpointer               user_data);
PbDigestReport  *pb_digest_send_now_finish    (GAsyncResult          *result,
                                               GError               **error);
void             pb_digest_preview_async      (const char            *store_path,
                                               const PbDigestConfig  *config,
                                               GCancellable          *cancellable,
                                               GAsyncReadyCallback    callback,
                                               gpointer               user_data);
PbDigest        *pb_digest_preview_finish     (GAsyncResult          *result,
                                               GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbDigestConfig, pb_digest_config_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbDigestReport, pb_digest_report_free)

G_END_DECLS
