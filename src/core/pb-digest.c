/* pb-digest.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-digest"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pb-digest-private.h"
#include "pb-store-digest.h"
#include "pb-text.h"

/**
 * PbDigest:
 *
 * One email digest: the papers chosen for a day and the settings that chose
 * them. Immutable. Rendering it (pb-digest-render.c) is a pure function of
 * the digest; choosing the papers reads the store; sending and the daily
 * schedule live in pb-digest-run.c.
 */

G_DEFINE_QUARK (pb-digest-error-quark, pb_digest_error)

G_DEFINE_FINAL_TYPE (PbDigest, pb_digest, G_TYPE_OBJECT)

/* Config */

/**
 * pb_digest_config_new_from_settings:
 * @settings: of the schema io.github.paperboy.Paperboy
 *
 * Returns: (transfer full): the digest and mail account settings as they
 *   are now
 */
PbDigestConfig *
pb_digest_config_new_from_settings (GSettings *settings)
{
  PbDigestConfig *config;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  config = g_new0 (PbDigestConfig, 1);
  config->enabled = g_settings_get_boolean (settings, "digest-enabled");
  config->time = g_settings_get_string (settings, "digest-time");
  config->weekdays_only = g_settings_get_boolean (settings, "digest-weekdays-only");
  config->from = g_settings_get_string (settings, "digest-from");
  config->recipients = g_settings_get_strv (settings, "digest-recipients");
  config->max_papers = MAX (1, g_settings_get_int (settings, "digest-max-papers"));
  config->keywords = g_settings_get_strv (settings, "digest-keywords");
  config->min_upvotes = g_settings_get_int (settings, "digest-min-upvotes");
  config->skip_empty = g_settings_get_boolean (settings, "digest-skip-empty");

  config->host = g_strstrip (g_settings_get_string (settings, "smtp-host"));
  config->port = g_settings_get_int (settings, "smtp-port");
  config->security = g_settings_get_enum (settings, "smtp-security");
  config->username = g_strstrip (g_settings_get_string (settings, "smtp-username"));
  config->ca_file = g_settings_get_string (settings, "smtp-ca-file");

  return config;
}

PbDigestConfig *
pb_digest_config_copy (const PbDigestConfig *config)
{
  PbDigestConfig *copy;

  g_return_val_if_fail (config != NULL, NULL);

  copy = g_memdup2 (config, sizeof *config);
  copy->time = g_strdup (config->time);
  copy->from = g_strdup (config->from);
  copy->recipients = g_strdupv (config->recipients);
  copy->keywords = g_strdupv (config->keywords);
  copy->host = g_strdup (config->host);
  copy->username = g_strdup (config->username);
  copy->ca_file = g_strdup (config->ca_file);

  return copy;
}

void
pb_digest_config_free (PbDigestConfig *config)
{
  if (config == NULL)
    return;

  g_free (config->time);
  g_free (config->from);
  g_strfreev (config->recipients);
  g_strfreev (config->keywords);
  g_free (config->host);
  g_free (config->username);
  g_free (config->ca_file);
  g_free (config);
}

/**
 * pb_digest_config_get_sender:
 *
 * Returns: (nullable): the From address: digest-from, or else the user name
 *   when it is an address
 */
const char *
pb_digest_config_get_sender (const PbDigestConfig *config)
{
  g_return_val_if_fail (config != NULL, NULL);

  if (config->from != NULL && *config->from != '\0')
    return config->from;
  if (pb_mail_address_is_valid (config->username))
    return config->username;

  return NULL;
}

/**
 * pb_digest_parse_time:
 * @text: "HH:MM", 24 hours
 *
 * Returns: whether @text is such a time
 */
gboolean
pb_digest_parse_time (const char *text,
                      int        *hour,
                      int        *minute)
{
  int h, m;

  if (text == NULL || strlen (text) != 5 || text[2] != ':' ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;

  h = (text[0] - '0') * 10 + (text[1] - '0');
  m = (text[3] - '0') * 10 + (text[4] - '0');
  if (h > 23 || m > 59)
    return FALSE;

  if (hour)
    *hour = h;
  if (minute)
    *minute = m;
  return TRUE;
}

static gboolean
set_settings_error (GError     **error,
                    const char  *format,
                    ...) G_GNUC_PRINTF (2, 3);

static gboolean
set_settings_error (GError     **error,
                    const char  *format,
                    ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (PB_DIGEST_ERROR, PB_DIGEST_ERROR_SETTINGS, format, args);
  va_end (args);

  return FALSE;
}

/**
 * pb_digest_config_check:
 *
 * Tells whether the settings can send a digest, and if not, what to fix.
 */
gboolean
pb_digest_config_check (const PbDigestConfig  *config,
                        GError               **error)
{
  g_return_val_if_fail (config != NULL, FALSE);

  if (config->host == NULL || *config->host == '\0')
    return set_settings_error (error, _("No outgoing mail server is set"));
  if (!pb_mail_host_is_valid (config->host))
    return set_settings_error (error, _("“%s” is not a mail server name"), config->host);
  if (config->port < 1 || config->port > 65535)
    return set_settings_error (error, _("The port %u is not between 1 and 65535"), config->port);
  if (config->security == PB_SMTP_SECURITY_NONE && !pb_host_is_loopback (config->host))
    return set_settings_error (error, _("Mail is sent without encryption only to a server on "
                                        "this computer; choose STARTTLS or TLS for %s"),
                               config->host);
  if (config->recipients == NULL || config->recipients[0] == NULL)
    return set_settings_error (error, _("No recipient is set"));
  for (guint i = 0; config->recipients[i] != NULL; i++)
    if (!pb_mail_address_is_valid (config->recipients[i]))
      return set_settings_error (error, _("“%s” is not an email address"), config->recipients[i]);
  if (config->from != NULL && *config->from != '\0' && !pb_mail_address_is_valid (config->from))
    return set_settings_error (error, _("The sender “%s” is not an email address"), config->from);
  if (pb_digest_config_get_sender (config) == NULL)
    return set_settings_error (error, _("No sender address is set, and the user name is not an "
                                        "email address"));
  if (!pb_digest_parse_time (config->time, NULL, NULL))
    return set_settings_error (error, _("The digest time “%s” is not a time such as 08:00"),
                               config->time);

  return TRUE;
}

/* Report */

void
pb_digest_report_free (PbDigestReport *report)
{
  if (report == NULL)
    return;

  g_free (report->day);
  g_free (report->message);
  g_free (report);
}

const char *
pb_digest_outcome_to_string (PbDigestOutcome outcome)
{
  static const char * const names[] = { "not-due", "paused", "sent", "empty", "retry", "failed" };

  g_return_val_if_fail (outcome < G_N_ELEMENTS (names), NULL);
  return names[outcome];
}

/**
 * pb_digest_describe_attempt_kind:
 * @kind: (nullable): the kind of an attempt in the log, as stored:
 *   "scheduled" or "manual"
 *
 * Returns: @kind for people, translated; @kind itself when unknown
 */
const char *
pb_digest_describe_attempt_kind (const char *kind)
{
  if (g_strcmp0 (kind, "scheduled") == 0)
    /* Translators: a digest sent on schedule, in the digest log */
    return C_("digest attempt", "scheduled");
  if (g_strcmp0 (kind, "manual") == 0)
    /* Translators: a digest sent by hand, in the digest log */
    return C_("digest attempt", "manual");

  return kind ? kind : "";
}

/**
 * pb_digest_describe_attempt_result:
 * @result: (nullable): the result of an attempt in the log, as stored:
 *   "sent", "partial", "failed" or "empty"
 *
 * Returns: @result for people, translated; @result itself when unknown
 */
const char *
pb_digest_describe_attempt_result (const char *result)
{
  if (g_strcmp0 (result, "sent") == 0)
    /* Translators: the result of an attempt to send the digest, in its log */
    return C_("digest attempt", "sent");
  if (g_strcmp0 (result, "partial") == 0)
    /* Translators: the digest reached some recipients, not all */
    return C_("digest attempt", "partial");
  if (g_strcmp0 (result, "failed") == 0)
    return C_("digest attempt", "failed");
  if (g_strcmp0 (result, "empty") == 0)
    /* Translators: no new papers, so no digest was sent */
    return C_("digest attempt", "empty");

  return result ? result : "";
}

/* PbDigest */

static void
pb_digest_finalize (GObject *object)
{
  PbDigest *self = (PbDigest *)object;

  g_free (self->day);
  g_free (self->since_day);
  g_clear_pointer (&self->papers, g_ptr_array_unref);
  g_clear_pointer (&self->config, pb_digest_config_free);

  G_OBJECT_CLASS (pb_digest_parent_class)->finalize (object);
}

static void
pb_digest_class_init (PbDigestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_digest_finalize;
}

static void
pb_digest_init (PbDigest *self)
{
}

/**
 * pb_digest_new:
 * @day: the day of the digest, YYYY-MM-DD
 * @since_day: the first daily list it covers, YYYY-MM-DD
 * @papers: (element-type PbPaper): in order; the digest takes a reference
 * @config: the settings that chose the papers (copied)
 *
 * Returns: (transfer full): the digest
 */
PbDigest *
pb_digest_new (const char           *day,
               const char           *since_day,
               GPtrArray            *papers,
               const PbDigestConfig *config)
{
  PbDigest *self;

  g_return_val_if_fail (pb_text_is_valid_date (day), NULL);
  g_return_val_if_fail (pb_text_is_valid_date (since_day), NULL);
  g_return_val_if_fail (papers != NULL && config != NULL, NULL);

  self = g_object_new (PB_TYPE_DIGEST, NULL);
  self->day = g_strdup (day);
  self->since_day = g_strdup (since_day);
  self->papers = g_ptr_array_ref (papers);
  self->config = pb_digest_config_copy (config);

  return self;
}

const char *
pb_digest_get_day (PbDigest *self)
{
  g_return_val_if_fail (PB_IS_DIGEST (self), NULL);
  return self->day;
}

const char *
pb_digest_get_since_day (PbDigest *self)
{
  g_return_val_if_fail (PB_IS_DIGEST (self), NULL);
  return self->since_day;
}

/**
 * pb_digest_get_papers:
 *
 * Returns: (transfer none) (element-type PbPaper): the papers, best first
 */
GPtrArray *
pb_digest_get_papers (PbDigest *self)
{
  g_return_val_if_fail (PB_IS_DIGEST (self), NULL);
  return self->papers;
}

/* The digest after a delivered one starts the day before that one: a day's
 * list still grows after the digest went out, and the ledger keeps what was
 * sent from coming again. The first digest covers the day and the one
 * before. */
char *
_pb_digest_dup_since_day (PbStore     *store,
                          const char  *day,
                          GError     **error)
{
  g_autofree char *last = NULL;
  g_autofree char *earliest = pb_text_date_add_days (day, -PB_DIGEST_MAX_DAYS_BACK);
  g_autofree char *since = NULL;
  GError *local_error = NULL;

  last = pb_store_dup_last_delivered_day (store, NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  since = pb_text_date_add_days (last != NULL ? last : day, -1);
  if (strcmp (since, earliest) < 0)
    {
      g_free (since);
      since = g_strdup (earliest);
    }
  if (strcmp (since, day) > 0)
    {
      g_free (since);
      since = g_strdup (day);
    }

  return g_steal_pointer (&since);
}

/**
 * pb_digest_select:
 * @day: the day of the digest, YYYY-MM-DD
 *
 * Chooses the papers of a digest: listed since the previous digest that
 * reached somebody, most upvoted first, filtered by the keywords and the
 * minimum upvotes, leaving out hidden papers and papers already sent, at
 * most digest-max-papers of them.
 *
 * Returns: (transfer full): the digest, or %NULL with @error set
 */
PbDigest *
pb_digest_select (PbStore               *store,
                  const PbDigestConfig  *config,
                  const char            *day,
                  GError               **error)
{
  g_autofree char *since = NULL;
  g_autoptr(GPtrArray) papers = NULL;
  PbDigestQuery query = { 0, };

  g_return_val_if_fail (PB_IS_STORE (store), NULL);
  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (pb_text_is_valid_date (day), NULL);

  since = _pb_digest_dup_since_day (store, day, error);
  if (since == NULL)
    return NULL;

  query.since_day = since;
  query.until_day = day;
  query.min_upvotes = config->min_upvotes;
  query.keywords = (const char * const *)config->keywords;
  query.limit = config->max_papers;

  papers = pb_store_select_digest_papers (store, &query, error);
  if (papers == NULL)
    return NULL;

  g_debug ("Digest of %s: %u papers listed from %s", day, papers->len, since);

  return pb_digest_new (day, since, papers, config);
}
