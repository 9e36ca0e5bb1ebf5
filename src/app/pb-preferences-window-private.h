/* pb-preferences-window-private.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pb-digest.h"
#include "pb-preferences-window.h"

G_BEGIN_DECLS

struct _PbPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwComboRow          *refresh_row;
  GtkSwitch            *background_switch;
  GtkSwitch            *notify_switch;
  GtkSwitch            *enabled_switch;
  GtkSpinButton        *hour_spin;
  GtkSpinButton        *minute_spin;
  GtkSwitch            *weekdays_switch;
  AdwEntryRow          *recipients_row;
  GtkLabel             *digest_error_label;
  GtkSpinButton        *max_papers_spin;
  GtkSpinButton        *min_upvotes_spin;
  AdwEntryRow          *keywords_row;
  GtkSwitch            *skip_empty_switch;
  AdwEntryRow          *host_row;
  AdwEntryRow          *port_row;
  AdwComboRow          *security_row;
  AdwEntryRow          *username_row;
  AdwPasswordEntryRow  *password_row;
  AdwEntryRow          *from_row;
  AdwActionRow         *ca_row;
  GtkButton            *ca_clear_button;
  GtkLabel             *account_error_label;
  AdwPreferencesGroup  *result_group;
  AdwActionRow         *result_row;
  GtkImage             *result_icon;
  GtkButton            *preview_button;
  GtkButton            *send_button;
  GtkSpinner           *send_spinner;

  /* Owned */
  GSettings            *settings;
  char                 *store_path;
  GCancellable         *cancellable;
  GtkNativeDialog      *ca_chooser;        /* (nullable) */
  char                 *password_status;   /* (nullable): what the keyring said */
  PbDigestConfig       *sending;           /* (nullable): the test email being sent */

  /* State */
  guint                 password_lookup_id;
  guint                 background_start_id;
  int                   last_security;
  gboolean              password_status_is_error;
};

/* pb-preferences-window.c */
char     *_pb_dup_trimmed                          (const char          *text);
void      _pb_preferences_window_update_errors     (PbPreferencesWindow *self);
void      _pb_preferences_window_set_row_error     (GtkWidget           *row,
                                                    gboolean             error);

/* pb-preferences-window-account.c */
void      _pb_preferences_window_setup_account     (PbPreferencesWindow *self);
void      _pb_preferences_window_dispose_account   (PbPreferencesWindow *self);
void      _pb_preferences_window_apply_password    (PbPreferencesWindow *self);
void      _pb_preferences_window_choose_ca_file    (PbPreferencesWindow *self);
void      _pb_preferences_window_clear_ca_file     (PbPreferencesWindow *self);
char     *_pb_dup_keyring_problem                  (const GError        *error);

/* pb-preferences-window-check.c */
void      _pb_preferences_window_load_digest_state (PbPreferencesWindow *self);
void      _pb_preferences_window_send_test_email   (PbPreferencesWindow *self);
void      _pb_preferences_window_preview           (PbPreferencesWindow *self);

G_END_DECLS
