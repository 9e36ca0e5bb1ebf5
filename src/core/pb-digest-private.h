/* pb-digest-private.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pb-digest.h"

G_BEGIN_DECLS

struct _PbDigest
{
  GObject         parent_instance;

  char           *day;         /* YYYY-MM-DD */
  char           *since_day;   /* YYYY-MM-DD */
  GPtrArray      *papers;      /* (element-type PbPaper) */
  PbDigestConfig *config;
};

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
