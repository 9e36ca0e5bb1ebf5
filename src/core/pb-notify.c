/* pb-notify.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-notify"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-notify.h"

/*
 * What to tell the user after background work, decided without sending
 * anything: the service (and later the window) turns a PbNotice into a
 * GNotification and sends it.
 *
 * After a sync: at most one notification. New papers on the trending list
 * are told about before new papers on the latest daily list (the other one
 * waits for a sync that brings only that); the first sync ever, a failed or
 * cancelled one and one that added nothing tell nothing. Papers the user
 * hid are neither counted nor named. The body names the first one or two
 * papers, those matching one of the digest's keywords first; the default
 * action shows that list (app.show-view), a button opens the first paper
 * (app.open-paper).
 *
 * After a scheduled digest that failed or is paused: one notification per
 * failure, not one per tick. A failure is the day of a digest that failed
 * (retried or given up: the same failure), or the reason of a pause (the
 * same reason on another day is the same failure); the one told about last
 * is kept in the store's meta table. A digest that went out again withdraws
 * the notification and forgets the failure.
 */

void
pb_notice_paper_free (PbNoticePaper *paper)
{
  if (paper == NULL)
    return;

  g_free (paper->id);
  g_free (paper->title);
  g_free (paper->keyword);
  g_free (paper);
}

static void
notice_button_free (PbNoticeButton *button)
{
  g_free (button->label);
  g_free (button->action);
  g_clear_pointer (&button->target, g_variant_unref);
  g_free (button);
}

void
pb_notice_free (PbNotice *notice)
{
  if (notice == NULL)
    return;

  g_free (notice->id);
  g_free (notice->title);
  g_free (notice->body);
  g_free (notice->action);
  g_clear_pointer (&notice->target, g_variant_unref);
  g_clear_pointer (&notice->buttons, g_ptr_array_unref);
  g_free (notice);
}

static PbNotice *
notice_new (const char *id,
            char       *title,
            char       *body,
            const char *action,
            GVariant   *target)
{
  PbNotice *notice = g_new0 (PbNotice, 1);

  notice->id = g_strdup (id);
  notice->title = title;
  notice->body = body;
  notice->action = g_strdup (action);
  notice->target = target ? g_variant_ref_sink (target) : NULL;
  notice->buttons = g_ptr_array_new_with_free_func ((GDestroyNotify)notice_button_free);
  notice->priority = G_NOTIFICATION_PRIORITY_NORMAL;

  return notice;
}

static void
notice_add_button (PbNotice   *notice,
                   const char *label,
                   const char *action,
                   GVariant   *target)
{
  PbNoticeButton *button = g_new0 (PbNoticeButton, 1);

  button->label = g_strdup (label);
  button->action = g_strdup (action);
  button->target = target ? g_variant_ref_sink (target) : NULL;
  g_ptr_array_add (notice->buttons, button);
}

/**
 * pb_notice_to_notification:
 *
 * Returns: (transfer full): the notice as a notification to send with the
 *   id `notice->id`
 */
GNotification *
pb_notice_to_notification (const PbNotice *notice)
{
  GNotification *notification;

  g_return_val_if_fail (notice != NULL, NULL);

  notification = g_notification_new (notice->title);
  if (notice->body != NULL)
    g_notification_set_body (notification, notice->body);
  g_notification_set_priority (notification, notice->priority);
  g_notification_set_default_action_and_target_value (notification, notice->action,
                                                      notice->target);
  for (guint i = 0; i < notice->buttons->len; i++)
    {
      PbNoticeButton *button = g_ptr_array_index (notice->buttons, i);

      g_notification_add_button_with_target_value (notification, button->label, button->action,
                                                   button->target);
    }

  return notification;
}

/* After a sync */

/**
 * pb_notify_pick_list:
 * @ids: (out) (transfer none) (optional): the ids new on that list, in
 *   the list's order
 *
 * Which list a notification after this sync is about, if any.
 *
 * Returns: %PB_LIST_TRENDING, %PB_LIST_DAILY or %PB_LIST_NONE
 */
PbListKind
pb_notify_pick_list (const PbSyncResult  *result,
                     GPtrArray          **ids)
{
  PbListKind kind = PB_LIST_NONE;
  GPtrArray *picked = NULL;

  g_return_val_if_fail (result != NULL, PB_LIST_NONE);

  if (result->first_sync)
    g_debug ("The first sync: every paper is new, nothing to tell");
  else if (result->outcome != PB_SYNC_OUTCOME_OK && result->outcome != PB_SYNC_OUTCOME_PARTIAL)
    g_debug ("The sync did not save anything: nothing to tell");
  else if (result->new_in_trending != NULL && result->new_in_trending->len > 0)
    {
      kind = PB_LIST_TRENDING;
      picked = result->new_in_trending;
    }
  else if (result->new_in_latest != NULL && result->new_in_latest->len > 0)
    {
      kind = PB_LIST_DAILY;
      picked = result->new_in_latest;
    }
  else
    g_debug ("No list has new papers: nothing to tell");

  if (ids != NULL)
    *ids = picked;
  return kind;
}

/**
 * pb_notify_collect_papers:
 * @ids: (element-type utf8): new papers, in the list's order
 * @keywords: (nullable): the digest's keywords
 *
 * Reads the papers a notification would count and name: hidden ones left
 * out, those matching a keyword first (each group in the list's order).
 *
 * Returns: (transfer full) (element-type PbNoticePaper): the papers, or
 *   %NULL with @error set
 */
GPtrArray *
pb_notify_collect_papers (PbStore             *store,
                          GPtrArray           *ids,
                          const char * const  *keywords,
                          GError             **error)
{
  g_autoptr(GPtrArray) papers = g_ptr_array_new_with_free_func ((GDestroyNotify)pb_notice_paper_free);
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func ((GDestroyNotify)pb_notice_paper_free);
  g_autoptr(GHashTable) matches = NULL;

  g_return_val_if_fail (PB_IS_STORE (store), NULL);
  g_return_val_if_fail (ids != NULL, NULL);

  matches = pb_store_match_keywords (store, ids, keywords, error);
  if (matches == NULL)
    return NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(PbPaper) paper = pb_store_get_paper (store, id, &local_error);
      PbNoticePaper *item;

      if (paper == NULL && g_error_matches (local_error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND))
        continue;
      if (paper == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (pb_paper_get_hidden (paper))
        continue;

      item = g_new0 (PbNoticePaper, 1);
      item->id = g_strdup (id);
      item->title = g_strdup (pb_paper_get_title (paper));
      item->keyword = g_strdup (g_hash_table_lookup (matches, id));
      g_ptr_array_add (item->keyword != NULL ? papers : others, item);
    }

  g_ptr_array_extend_and_steal (papers, g_steal_pointer (&others));
  return g_steal_pointer (&papers);
}

static char *
dup_paper_line (const PbNoticePaper *paper)
{
  if (paper->keyword != NULL)
    /* Translators: a paper's title, then the keyword of the digest it matches */
    return g_strdup_printf (_("%1$s (matches “%2$s”)"), paper->title, paper->keyword);

  return g_strdup (paper->title);
}

static char *
dup_papers_body (GPtrArray *papers)
{
  g_autoptr(GString) body = g_string_new (NULL);
  guint n_named = MIN (papers->len, PB_NOTICE_MAX_TITLES);

  for (guint i = 0; i < n_named; i++)
    {
      g_autofree char *line = dup_paper_line (g_ptr_array_index (papers, i));

      if (i > 0)
        g_string_append_c (body, '\n');
      g_string_append (body, line);
    }

  if (papers->len > n_named)
    {
      guint n_more = papers->len - n_named;

      g_string_append_c (body, '\n');
      /* Translators: after the titles of the first papers of a notification */
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %u more",
                                                 "and %u more", n_more), n_more);
    }

  return g_string_free (g_steal_pointer (&body), FALSE);
}

/**
 * pb_notice_new_for_papers:
 * @kind: %PB_LIST_TRENDING or %PB_LIST_DAILY
 * @papers: (element-type PbNoticePaper): from pb_notify_collect_papers()
 *
 * Returns: (transfer full) (nullable): what to tell about @papers; %NULL
 *   when there are none
 */
PbNotice *
pb_notice_new_for_papers (PbListKind  kind,
                          GPtrArray  *papers)
{
  PbNoticePaper *top;
  PbNotice *notice;
  char *title;

  g_return_val_if_fail (kind == PB_LIST_TRENDING || kind == PB_LIST_DAILY, NULL);
  g_return_val_if_fail (papers != NULL, NULL);

  if (papers->len == 0)
    return NULL;

  if (kind == PB_LIST_TRENDING)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new trending paper",
                                          "%u new trending papers", papers->len), papers->len);
  else
    /* Translators: papers newly on the latest daily list of Hugging Face */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new daily paper",
                                          "%u new daily papers", papers->len), papers->len);

  notice = notice_new (kind == PB_LIST_TRENDING ? PB_NOTICE_NEW_TRENDING : PB_NOTICE_NEW_DAILY,
                       title, dup_papers_body (papers), "app.show-view",
                       g_variant_new_string (kind == PB_LIST_TRENDING ? "trending" : "daily"));

  top = g_ptr_array_index (papers, 0);
  notice_add_button (notice, _("Open Paper"), "app.open-paper", g_variant_new_string (top->id));

  return notice;
}

/**
 * pb_notify_sync_wanted:
 * @settings: (nullable): the app's settings; none, no notification
 * @keywords: (out) (optional) (transfer full): the digest's keywords, for
 *   pb_notice_new_for_sync()
 *
 * Whether to tell the user about @result at all: it added papers to a
 * list (never the first sync, never an unchanged one) and
 * `notify-new-papers` is on. The service and the window both ask this
 * before pb_notice_new_for_sync(), so that they tell the same things.
 *
 * Returns: %TRUE if a notice should be made
 */
gboolean
pb_notify_sync_wanted (const PbSyncResult   *result,
                       GSettings            *settings,
                       char               ***keywords)
{
  g_return_val_if_fail (result != NULL, FALSE);

  if (pb_notify_pick_list (result, NULL) == PB_LIST_NONE || settings == NULL)
    return FALSE;
  if (!g_settings_get_boolean (settings, "notify-new-papers"))
    {
      g_debug ("New papers, but notifications about them are turned off");
      return FALSE;
    }

  if (keywords != NULL)
    *keywords = g_settings_get_strv (settings, "digest-keywords");
  return TRUE;
}

/**
 * pb_notice_new_for_sync:
 * @store: the database the sync wrote to
 * @keywords: (nullable): the digest's keywords
 *
 * What to tell the user after @result, if anything.
 *
 * Returns: (transfer full) (nullable): the notice; %NULL when there is
 *   nothing to tell, or with @error set when the store failed
 */
PbNotice *
pb_notice_new_for_sync (PbStore             *store,
                        const PbSyncResult  *result,
                        const char * const  *keywords,
                        GError             **error)
{
  g_autoptr(GPtrArray) papers = NULL;
  GPtrArray *ids = NULL;
  PbListKind kind;

  g_return_val_if_fail (PB_IS_STORE (store), NULL);
  g_return_val_if_fail (result != NULL, NULL);

  kind = pb_notify_pick_list (result, &ids);
  if (kind == PB_LIST_NONE)
    return NULL;

  papers = pb_notify_collect_papers (store, ids, keywords, error);
  if (papers == NULL)
    return NULL;
  if (papers->len == 0)
    g_debug ("Every new paper is hidden: nothing to tell");

  return pb_notice_new_for_papers (kind, papers);
}

/* After a scheduled digest */

static gboolean
digest_failed (const PbDigestReport *report)
{
  return report->outcome == PB_DIGEST_OUTCOME_RETRY ||
         report->outcome == PB_DIGEST_OUTCOME_FAILED ||
         report->outcome == PB_DIGEST_OUTCOME_PAUSED;
}

/**
 * pb_notify_dup_digest_key:
 *
 * Names the failure @report is about, so that it is told about once: the
 * digest's day for a failed sending (retried or given up), the reason for
 * a pause.
 *
 * Returns: (transfer full) (nullable): the key; %NULL when @report is no
 *   failure
 */
char *
pb_notify_dup_digest_key (const PbDigestReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);

  if (report->outcome == PB_DIGEST_OUTCOME_PAUSED)
    return g_strdup_printf ("paused:%s", report->message ? report->message : "");
  if (digest_failed (report))
    return g_strdup_printf ("failed:%s", report->day ? report->day : "");

  return NULL;
}

/**
 * pb_notice_new_for_digest:
 *
 * Returns: (transfer full) (nullable): what to tell about a failed or
 *   paused digest; %NULL for any other outcome
 */
PbNotice *
pb_notice_new_for_digest (const PbDigestReport *report)
{
  PbNotice *notice;
  char *title;

  g_return_val_if_fail (report != NULL, NULL);

  if (!digest_failed (report))
    return NULL;

  if (report->outcome == PB_DIGEST_OUTCOME_PAUSED)
    title = g_strdup (_("The email digest is paused"));
  else
    title = g_strdup (_("The email digest could not be sent"));

  notice = notice_new (PB_NOTICE_DIGEST, title, g_strdup (report->message), "app.preferences",
                       NULL);
  notice_add_button (notice, _("Preferences"), "app.preferences", NULL);

  return notice;
}

/**
 * pb_notify_decide_digest:
 * @report: what a scheduled digest run did
 * @notice: (out) (transfer full) (optional): set for %PB_NOTIFY_SEND
 *
 * Decides whether to tell about a failed digest, and remembers it: a
 * failure already told about is not told again; a digest sent (or empty)
 * after a failure withdraws the notification.
 *
 * Returns: what to do; %PB_NOTIFY_NOTHING with @error set when the store
 *   failed
 */
PbNotifyStep
pb_notify_decide_digest (PbStore               *store,
                         const PbDigestReport  *report,
                         PbNotice             **notice,
                         GError               **error)
{
  g_autofree char *told = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (PB_IS_STORE (store), PB_NOTIFY_NOTHING);
  g_return_val_if_fail (report != NULL, PB_NOTIFY_NOTHING);

  if (notice != NULL)
    *notice = NULL;

  told = pb_store_dup_meta (store, PB_NOTIFY_META_DIGEST);

  if (report->outcome == PB_DIGEST_OUTCOME_SENT || report->outcome == PB_DIGEST_OUTCOME_EMPTY)
    {
      if (told == NULL)
        return PB_NOTIFY_NOTHING;
      g_debug ("The digest works again: withdrawing the notification about “%s”", told);
      return pb_store_set_meta (store, PB_NOTIFY_META_DIGEST, NULL, error) ? PB_NOTIFY_WITHDRAW
                                                                            : PB_NOTIFY_NOTHING;
    }

  key = pb_notify_dup_digest_key (report);
  if (key == NULL)
    return PB_NOTIFY_NOTHING;
  if (g_strcmp0 (key, told) == 0)
    {
      g_debug ("Already told about the digest failure “%s”", key);
      return PB_NOTIFY_NOTHING;
    }

  /* Remembered before it is sent: a notification that cannot be shown is
   * not worth one attempt per tick. */
  if (!pb_store_set_meta (store, PB_NOTIFY_META_DIGEST, key, error))
    return PB_NOTIFY_NOTHING;

  if (notice != NULL)
    *notice = pb_notice_new_for_digest (report);
  return PB_NOTIFY_SEND;
}
