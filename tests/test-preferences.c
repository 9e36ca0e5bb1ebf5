/* test-preferences.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pb-importer.h"
#include "pb-preferences-window.h"
#include "pb-secrets.h"

/*
 * The preferences window under Xvfb, with the real keyring of the session
 * and, for the test email, a real SMTP server (tests/smtp_server.py). Saves
 * screenshots into the build directory: look at them.
 */

static GSettings *settings;
static char *store_path;
static char *work_dir;

static GObject *
child (GtkWidget  *window,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (window, PB_TYPE_PREFERENCES_WINDOW, name);

  g_assert_nonnull (object);
  return object;
}

typedef gboolean (*Condition) (gpointer data);

static void
wait_until (Condition  condition,
            gpointer   data,
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *)data;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gboolean      *painted)
{
  *painted = TRUE;
}

static void
wait_for_frame (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gboolean painted = FALSE;
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &painted);
  gtk_widget_queue_draw (window);
  wait_until (is_true, &painted, "a frame");
  g_signal_handler_disconnect (clock, id);
}

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
save_screenshot (GtkWidget  *window,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  graphene_rect_t bounds;
  int width = 0, height = 0;

  /* A widget waiting for a new allocation draws nothing: try at the next
   * frame. */
  for (guint i = 0; i < 10 && node == NULL; i++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      wait_for_frame (window);
      width = gtk_widget_get_width (window);
      height = gtk_widget_get_height (window);
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);

  bounds = GRAPHENE_RECT_INIT (0, 0, width, height);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &bounds);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static GtkWidget *
open_window (int width,
             int height)
{
  GtkWidget *window = GTK_WIDGET (pb_preferences_window_new (NULL, settings, store_path));

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frame (window);

  return window;
}

static void
set_text (GtkWidget  *window,
          const char *row,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (window, row)), text);
}

static gboolean
has_error (GtkWidget  *window,
           const char *row)
{
  return gtk_widget_has_css_class (GTK_WIDGET (child (window, row)), "error");
}

static const char *
label_text (GtkWidget  *window,
            const char *name)
{
  GtkLabel *label = GTK_LABEL (child (window, name));

  return gtk_widget_get_visible (GTK_WIDGET (label)) ? gtk_label_get_text (label) : "";
}

static void
reset_settings (void)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

typedef struct
{
  GtkWidget  *window;
  const char *text;
} LabelWait;

static gboolean
label_says (gpointer data)
{
  LabelWait *wait = data;

  return strstr (label_text (wait->window, "account_error_label"), wait->text) != NULL;
}

static void
wait_for_label (GtkWidget  *window,
                const char *text)
{
  LabelWait wait = { window, text };

  wait_until (label_says, &wait, text);
}

/* Screenshots of a configured digest */

static void
configure_example (void)
{
  const char * const recipients[] = { "ann@example.com", "team@example.org", NULL };
  const char * const keywords[] = { "diffusion", "agents", NULL };

  g_settings_set_boolean (settings, "digest-enabled", TRUE);
  g_settings_set_string (settings, "digest-time", "07:30");
  g_settings_set_strv (settings, "digest-recipients", recipients);
  g_settings_set_strv (settings, "digest-keywords", keywords);
  g_settings_set_int (settings, "digest-min-upvotes", 5);
  g_settings_set_string (settings, "smtp-host", "smtp.example.com");
  g_settings_set_string (settings, "smtp-username", "ann@example.com");
}

static void
test_screenshots (void)
{
  GtkWidget *window;
  g_autoptr(GError) error = NULL;

  reset_settings ();
  configure_example ();
  pb_secrets_store_sync ("smtp.example.com", "ann@example.com", "example", NULL, &error);
  g_assert_no_error (error);

  window = open_window (640, 780);
  save_screenshot (window, "preferences-general.png");

  /* Tall enough for the whole digest page. */
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "digest");
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 1500);
  wait_for_label (window, "The password is stored in the keyring.");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (window, "password_row"))), ==,
                   "example");
  g_assert_cmpstr (label_text (window, "account_error_label"), ==,
                   "The password is stored in the keyring.");
  g_assert_false (has_error (window, "host_row"));
  save_screenshot (window, "preferences-digest.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Rows and keys */

static void
test_binding (void)
{
  g_autofree char *time = NULL;
  g_autofree char *host = NULL;
  g_auto(GStrv) keywords = NULL;
  GtkWidget *window;

  reset_settings ();
  window = open_window (640, 780);

  set_text (window, "host_row", " smtp.example.net ");
  host = g_settings_get_string (settings, "smtp-host");
  g_assert_cmpstr (host, ==, "smtp.example.net");
  g_settings_set_string (settings, "smtp-username", "zoe");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (window, "username_row"))), ==,
                   "zoe");

  set_text (window, "keywords_row", "diffusion models, ,  robots,");
  keywords = g_settings_get_strv (settings, "digest-keywords");
  g_assert_cmpuint (g_strv_length (keywords), ==, 2);
  g_assert_cmpstr (keywords[1], ==, "robots");
  /* What the user typed stays as typed. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (window, "keywords_row"))), ==,
                   "diffusion models, ,  robots,");

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (window, "hour_spin")), 7);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (window, "minute_spin")), 45);
  time = g_settings_get_string (settings, "digest-time");
  g_assert_cmpstr (time, ==, "07:45");

  gtk_switch_set_active (GTK_SWITCH (child (window, "weekdays_switch")), FALSE);
  g_assert_false (g_settings_get_boolean (settings, "digest-weekdays-only"));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (window, "max_papers_spin")), 25);
  g_assert_cmpint (g_settings_get_int (settings, "digest-max-papers"), ==, 25);
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (window, "refresh_row")), 2);
  g_assert_cmpint (g_settings_get_int (settings, "refresh-interval-minutes"), ==, 60);

  /* Port 465 goes with TLS. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (window, "security_row")), 1);
  g_assert_cmpint (g_settings_get_enum (settings, "smtp-security"), ==, 1);
  g_assert_cmpint (g_settings_get_int (settings, "smtp-port"), ==, 465);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (window, "port_row"))), ==, "465");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_invalid_values (void)
{
  g_auto(GStrv) recipients = NULL;
  g_autofree char *host = NULL;
  g_autofree char *from = NULL;
  GtkWidget *window;

  reset_settings ();
  g_settings_set_string (settings, "smtp-host", "smtp.example.com");
  window = open_window (640, 1500);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "digest");
  spin (300);
  gtk_switch_set_active (GTK_SWITCH (child (window, "enabled_switch")), TRUE);

  /* Out of range, then not a number: shown, not saved. */
  set_text (window, "port_row", "70000");
  g_assert_cmpint (g_settings_get_int (settings, "smtp-port"), ==, 587);
  g_assert_true (has_error (window, "port_row"));
  g_assert_nonnull (strstr (label_text (window, "account_error_label"), "from 1 to 65535"));
  set_text (window, "port_row", "25a");
  g_assert_cmpint (g_settings_get_int (settings, "smtp-port"), ==, 587);
  set_text (window, "port_row", "2525");
  g_assert_cmpint (g_settings_get_int (settings, "smtp-port"), ==, 2525);
  g_assert_false (has_error (window, "port_row"));

  /* An empty list while the digest is on, then a bad address. */
  g_assert_true (has_error (window, "recipients_row"));
  g_assert_cmpstr (label_text (window, "digest_error_label"), ==,
                   "Enter the address the digest goes to.");
  set_text (window, "recipients_row", "ann@example.com, bob@");
  recipients = g_settings_get_strv (settings, "digest-recipients");
  g_assert_cmpuint (g_strv_length (recipients), ==, 0);
  g_assert_cmpstr (label_text (window, "digest_error_label"), ==,
                   "“bob@” is not an email address.");
  set_text (window, "recipients_row", "ann@example.com; bob@example.org");
  g_clear_pointer (&recipients, g_strfreev);
  recipients = g_settings_get_strv (settings, "digest-recipients");
  g_assert_cmpuint (g_strv_length (recipients), ==, 2);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (child (window, "digest_error_label"))));

  /* No server while the digest is on. */
  set_text (window, "host_row", "");
  host = g_settings_get_string (settings, "smtp-host");
  g_assert_cmpstr (host, ==, "smtp.example.com");
  g_assert_true (has_error (window, "host_row"));
  set_text (window, "host_row", "smtp.example.com");

  /* No encryption to a server elsewhere. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (window, "security_row")), 2);
  g_assert_cmpint (g_settings_get_enum (settings, "smtp-security"), ==, 0);
  g_assert_true (has_error (window, "security_row"));
  set_text (window, "host_row", "localhost");
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (window, "security_row")), 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (window, "security_row")), 2);
  g_assert_cmpint (g_settings_get_enum (settings, "smtp-security"), ==, 2);
  g_assert_false (has_error (window, "security_row"));

  set_text (window, "from_row", "Ann <ann@example.com>");
  from = g_settings_get_string (settings, "digest-from");
  g_assert_cmpstr (from, ==, "");
  g_assert_true (has_error (window, "from_row"));

  /* Several problems at once, for the screenshot. */
  set_text (window, "port_row", "70000");
  set_text (window, "recipients_row", "ann@example.com, bob@");
  save_screenshot (window, "preferences-invalid.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The password in the keyring */

static void
test_password (void)
{
  g_autoptr(PbSecret) secret = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;

  reset_settings ();
  g_settings_set_string (settings, "smtp-host", "mail.example.net");
  g_settings_set_string (settings, "smtp-username", "pat");
  window = open_window (640, 780);
  wait_for_label (window, "No password is stored yet");

  set_text (window, "password_row", "typed in the window");
  g_signal_emit_by_name (child (window, "password_row"), "apply");
  wait_for_label (window, "saved in the keyring");

  secret = pb_secrets_lookup_sync ("mail.example.net", "pat", 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret->password, ==, "typed in the window");

  /* Another account: another password (none). */
  g_settings_set_string (settings, "smtp-username", "quinn");
  wait_for_label (window, "No password is stored yet");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (window, "password_row"))), ==,
                   "");

  /* The password is in no setting. */
  {
    g_autoptr(GSettingsSchema) schema = NULL;
    g_auto(GStrv) keys = NULL;

    g_object_get (settings, "settings-schema", &schema, NULL);
    keys = g_settings_schema_list_keys (schema);
    for (guint i = 0; keys[i] != NULL; i++)
      {
        g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);
        g_autofree char *text = g_variant_print (value, FALSE);

        g_assert_null (strstr (text, "typed in the window"));
      }
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The test email, through a real server */

typedef struct
{
  GSubprocess *process;
  guint        port;
  char        *cert;
  char        *dir;
} SmtpServer;

static void
smtp_server_start (SmtpServer *server,
                   const char *user,
                   const char *password)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "smtp_server.py", NULL);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_auto(GStrv) words = NULL;

  server->dir = g_build_filename (work_dir, "smtp", NULL);
  g_mkdir_with_parents (server->dir, 0700);
  server->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                      G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                      "/usr/bin/python3", script, "starttls", server->dir, user,
                                      password, NULL);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  words = g_strsplit (line, " ", 3);
  g_assert_cmpstr (words[0], ==, "READY");
  server->port = atoi (words[1]);
  server->cert = g_strdup (words[2]);
}

static void
smtp_server_stop (SmtpServer *server)
{
  g_output_stream_close (g_subprocess_get_stdin_pipe (server->process), NULL, NULL);
  g_subprocess_wait (server->process, NULL, NULL);
  g_clear_object (&server->process);
  g_free (server->cert);
  g_free (server->dir);
}

static guint
count_received (SmtpServer *server)
{
  g_autofree char *dir = g_build_filename (server->dir, "received", NULL);
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    n += g_str_has_suffix (name, ".eml");

  return n;
}

static void
import_papers (void)
{
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *day = g_test_build_filename (G_TEST_DIST, "data", "hf",
                                                "daily_papers_2026-08-20.json", NULL);
  const char * const paths[] = { day, NULL };
  PbImportOptions options = { FALSE, PB_LIST_DAILY, NULL };
  g_autofree char *today = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  /* Listed today, so that a digest sent now holds them. */
  today = g_date_time_format (now, "%Y-%m-%d");
  options.list_date = today;
  store = pb_store_open (store_path, &error);
  g_assert_no_error (error);
  report = pb_import_files (store, paths, &options, &error);
  g_assert_no_error (error);
}

static gboolean
result_shown (gpointer data)
{
  GtkWidget *group = GTK_WIDGET (child (data, "result_group"));
  GtkWidget *row = GTK_WIDGET (child (data, "result_row"));
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

  return gtk_widget_get_visible (group) && gtk_widget_get_sensitive (
           GTK_WIDGET (child (data, "send_button"))) &&
         (g_str_equal (title, "Test email sent") ||
          g_str_equal (title, "The test email was not sent"));
}

static void
click_send (GtkWidget *window)
{
  gtk_widget_set_visible (GTK_WIDGET (child (window, "result_group")), FALSE);
  g_signal_emit_by_name (child (window, "send_button"), "clicked");
  wait_until (result_shown, window, "the test email");
}

static void
test_send_test_email (void)
{
  const char * const recipients[] = { "ann@example.com", NULL };
  SmtpServer server = { 0, };
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  AdwActionRow *result;

  reset_settings ();
  import_papers ();
  smtp_server_start (&server, "ann@example.com", "right password");
  g_settings_set_string (settings, "smtp-host", "127.0.0.1");
  g_settings_set_int (settings, "smtp-port", server.port);
  g_settings_set_string (settings, "smtp-username", "ann@example.com");
  g_settings_set_string (settings, "smtp-ca-file", server.cert);
  g_settings_set_strv (settings, "digest-recipients", recipients);
  pb_secrets_store_sync ("127.0.0.1", "ann@example.com", "wrong password", NULL, &error);
  g_assert_no_error (error);

  window = open_window (640, 1500);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "digest");
  spin (300);
  result = ADW_ACTION_ROW (child (window, "result_row"));

  click_send (window);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (result)), ==,
                   "The test email was not sent");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (result), "app password"));
  g_assert_cmpuint (count_received (&server), ==, 0);
  save_screenshot (window, "preferences-test-email-refused.png");

  pb_secrets_store_sync ("127.0.0.1", "ann@example.com", "right password", NULL, &error);
  click_send (window);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (result)), ==,
                   "Test email sent");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (result), "to ann@example.com"));
  g_assert_cmpuint (count_received (&server), ==, 1);
  save_screenshot (window, "preferences-test-email-sent.png");

  gtk_window_destroy (GTK_WINDOW (window));
  smtp_server_stop (&server);
}

static GtkWidget *
find_window_title (GtkWidget *widget)
{
  if (ADW_IS_WINDOW_TITLE (widget) &&
      g_strcmp0 (adw_window_title_get_title (ADW_WINDOW_TITLE (widget)), "Digest Preview") == 0)
    return widget;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_window_title (c);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
preview_shown (gpointer data)
{
  GtkWidget *title = find_window_title (data);

  return title != NULL && gtk_widget_get_mapped (title);
}

static void
test_preview (void)
{
  GtkWidget *window;
  GtkWidget *title;

  reset_settings ();
  import_papers ();
  window = open_window (640, 900);
  g_signal_emit_by_name (child (window, "preview_button"), "clicked");
  wait_until (preview_shown, window, "the preview");
  spin (400);   /* the page transition */

  title = find_window_title (window);
  g_assert_true (g_str_has_prefix (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title)),
                                   "Paperboy, "));
  save_screenshot (window, "preferences-preview.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Screenshots of finished states, not of transitions. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* Inside the session's directory, which headless-session removes. */
  if (g_getenv ("PAPERBOY_SESSION_DIR") != NULL)
    work_dir = g_build_filename (g_getenv ("PAPERBOY_SESSION_DIR"), "test-preferences", NULL);
  else
    work_dir = g_dir_make_tmp ("test-preferences-XXXXXX", &error);
  g_assert_no_error (error);
  g_mkdir_with_parents (work_dir, 0700);
  store_path = g_build_filename (work_dir, "papers.db", NULL);
  settings = g_settings_new ("io.github.paperboy.Paperboy");

  g_test_add_func ("/preferences/screenshots", test_screenshots);
  g_test_add_func ("/preferences/binding", test_binding);
  g_test_add_func ("/preferences/invalid-values", test_invalid_values);
  g_test_add_func ("/preferences/password", test_password);
  g_test_add_func ("/preferences/send-test-email", test_send_test_email);
  g_test_add_func ("/preferences/preview", test_preview);

  status = g_test_run ();

  g_clear_object (&settings);
  g_free (store_path);
  g_free (work_dir);
  return status;
}
