/* pb-digest-private.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pb-digest.h"
#include "pb-secrets.h"

G_BEGIN_DECLS

struct _PbDigest
{
  GObject         parent_instance;

  char           *day;         /* YYYY-MM-DD */
  char           *since_day;   /* YYYY-MM-DD */
  GPtrArray      *papers;      /* (element-type PbPaper) */
  PbDigestConfig *config;
};

/* One run of the schedule, or one sending by hand: what it works with and
 * what it reports. pb-digest-run.c decides, pb-digest-send.c delivers. */
typedef struct
{
  PbStore              *store;
  const PbDigestConfig *config;
  GDateTime            *now;
  gint64                now_unix;
  char                 *today;
  char                 *day;         /* (nullable): the digest being sent */
  PbMailer             *mailer;      /* (nullable): injected by tests */
  PbSecret             *secret;      /* (nullable) */
  GError               *secret_error;
  GCancellable         *cancellable;
  PbDigestReport       *report;
} PbDigestRun;

/* What one attempt delivered. */
typedef struct
{
  guint   n_recipients;
  guint   n_delivered;      /* now or at an earlier attempt */
  guint   n_rejected;
  guint   n_pending;
  GError *error;            /* (nullable): the failure that stopped this attempt */
  GError *rejection;        /* (nullable): the last recipient refused */
} PbDelivery;

void         _pb_digest_run_init          (PbDigestRun           *run,
                                           PbStore               *store,
                                           const PbDigestConfig  *config,
                                           GDateTime             *now,
                                           PbMailer              *mailer,
                                           GCancellable          *cancellable);
void         _pb_digest_run_clear         (PbDigestRun           *run);
void         _pb_digest_run_report        (PbDigestRun           *run,
                                           PbDigestOutcome        outcome,
                                           const char            *day,
                                           const char            *message);
gboolean     _pb_digest_run_finish        (PbDigestRun           *run,
                                           PbDigestReport       **report,
                                           gboolean               ok);
void         _pb_digest_run_look_up_password (PbDigestRun         *run,
                                              PbSecretsLookupFlags flags);
void         _pb_delivery_clear           (PbDelivery            *delivery);
gboolean     _pb_digest_deliver           (PbDigestRun           *run,
                                           PbDigest              *digest,
                                           const char * const    *recipients,
                                           gboolean               scheduled,
                                           PbDelivery            *delivery,
                                           GError               **error);
const char  *_pb_digest_error_kind        (const GError          *error);
gboolean     _pb_digest_error_is_blocking (const GError          *error);
gboolean     _pb_digest_error_is_temporary (const GError         *error);
char        *_pb_digest_dup_failure_message (const GError        *error);
gboolean     _pb_digest_set_blocked       (PbDigestRun           *run,
                                           const char            *message,
                                           GError               **error);
gboolean     _pb_digest_clear_blocked     (PbDigestRun           *run,
                                           GError               **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PbDigestRun, _pb_digest_run_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PbDelivery, _pb_delivery_clear)

/* How far back the first digest, or one after a long pause, looks. */
#define PB_DIGEST_MAX_DAYS_BACK 30

char     *_pb_digest_dup_summary      (PbPaper               *paper);
char     *_pb_digest_first_sentences  (const char            *text,
                                       guint                  n_sentences);
char     *_pb_digest_dup_since_day    (PbStore               *store,
                                       const char            *day,
                                       GError               **error);

/* The run and the manual send with an injected mailer, for tests. With a
 * mailer given, no password is looked up. */
gboolean  _pb_digest_run_due_full     (PbStore               *store,
                                       const PbDigestConfig  *config,
                                       GDateTime             *now,
                                       PbMailer              *mailer,
                                       GCancellable          *cancellable,
                                       PbDigestReport       **report,
                                       GError               **error);
gboolean  _pb_digest_send_now_full    (PbStore               *store,
                                       const PbDigestConfig  *config,
                                       GDateTime             *now,
                                       const char * const    *recipients,
                                       const char            *password,
                                       PbMailer              *mailer,
                                       GCancellable          *cancellable,
                                       PbDigestReport       **report,
                                       GError               **error);

G_END_DECLS
