/* pb-cli-account.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "paperboy-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "pb-cli.h"
#include "pb-digest.h"
#include "pb-mailer.h"
#include "pb-secrets.h"

/*
 * paperboy-cli account: the mail account's password in the keyring.
 *
 * The password is read from standard input, never from the command line
 * (where other users can read it in the process list and shells keep it in
 * their history); on a terminal it is typed without echo.
 */

#define MAX_PASSWORD 1024

static struct termios saved_termios;
static volatile sig_atomic_t echo_off = 0;

static void
restore_echo (void)
{
  if (echo_off)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved_termios);
      echo_off = 0;
    }
}

/* Ctrl+C while typing must not leave the terminal without echo. */
static void
on_signal (int signum)
{
  restore_echo ();
  signal (signum, SIG_DFL);
  raise (signum);
}

static gboolean
disable_echo (void)
{
  struct termios quiet;

  if (tcgetattr (STDIN_FILENO, &saved_termios) != 0)
    return FALSE;

  quiet = saved_termios;
  quiet.c_lflag &= ~(tcflag_t)ECHO;
  quiet.c_lflag |= ECHONL;
  signal (SIGINT, on_signal);
  signal (SIGTERM, on_signal);
  signal (SIGHUP, on_signal);
  if (tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) != 0)
    return FALSE;

  echo_off = 1;
  return TRUE;
}

static void
wipe (char   *buffer,
      gsize   size)
{
  volatile char *p = buffer;

  while (size-- > 0)
    *p++ = '\0';
}

/* Reads the first line of standard input into @buffer. */
static gboolean
read_password_line (const char  *prompt,
                    char        *buffer,
                    gsize        size,
                    GError     **error)
{
  gboolean terminal = isatty (STDIN_FILENO);
  gsize len;

  /* Echo off before the prompt: TCSAFLUSH drops what was typed before it,
   * which the terminal had shown. */
  if (terminal)
    {
      if (!disable_echo ())
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("Cannot turn off the echo of the terminal"));
          return FALSE;
        }
      fprintf (stderr, "%s", prompt);
      fflush (stderr);
    }

  if (fgets (buffer, size, stdin) == NULL)
    buffer[0] = '\0';
  restore_echo ();

  len = strlen (buffer);
  if (len == size - 1 && buffer[len - 1] != '\n' && !feof (stdin))
    {
      wipe (buffer, size);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   ngettext ("The password is longer than %d character",
                             "The password is longer than %d characters", MAX_PASSWORD - 2),
                   MAX_PASSWORD - 2);
      return FALSE;
    }
  while (len > 0 && (buffer[len - 1] == '\n' || buffer[len - 1] == '\r'))
    buffer[--len] = '\0';

  if (len == 0 || !g_utf8_validate (buffer, -1, NULL))
    {
      wipe (buffer, size);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           len == 0 ? _("No password was given on standard input")
                                    : _("The password is not valid UTF-8"));
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  char *host;
  char *username;
} Account;

static void
account_clear (Account *account)
{
  g_free (account->host);
  g_free (account->username);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Account, account_clear)

static gboolean
read_account (Account  *account,
              GError  **error)
{
  g_autoptr(GSettings) settings = pb_cli_open_settings (error);

  if (settings == NULL)
    return FALSE;

  account->host = g_strstrip (g_settings_get_string (settings, "smtp-host"));
  account->username = g_strstrip (g_settings_get_string (settings, "smtp-username"));

  if (*account->host == '\0' || *account->username == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("Set the mail server and the user name first, in Preferences or "
                             "with “gsettings set io.github.paperboy.Paperboy smtp-host HOST” "
                             "and “… smtp-username NAME”"));
      return FALSE;
    }

  return TRUE;
}

/* A digest paused because the server refused the old password tries again. */
static int
note_password_changed (PbCli *cli)
{
  g_autoptr(PbStore) store = NULL;
  GError *error = NULL;

  if ((store = pb_cli_open_store (cli, FALSE, &error)) == NULL ||
      !pb_digest_note_password_changed (store, &error))
    return pb_cli_fail (error);

  return PB_EXIT_OK;
}

static int
account_set_password (PbCli  *cli,
                      int     argc,
                      char  **argv)
{
  g_auto(Account) account = { 0, };
  g_autofree char *prompt = NULL;
  char password[MAX_PASSWORD];
  GError *error = NULL;
  gboolean stored;

  if (!pb_cli_parse_options (cli, "account set-password", "",
                             _("Store the mail account's password in the keyring.\n"
                               "The password is read from standard input; on a terminal it is "
                               "not shown."),
                             NULL, FALSE, &argc, &argv))
    return PB_EXIT_USAGE;
  if (argc > 1)
    return pb_cli_usage_error ("account set-password",
                               _("the password is read from standard input, not from the "
                                 "command line"));

  if (!read_account (&account, &error))
    return pb_cli_fail (error);

  /* Translators: a prompt; the first %s is a user name, the second a server */
  prompt = g_strdup_printf (_("Password for %1$s on %2$s: "), account.username, account.host);
  if (!read_password_line (prompt, password, sizeof password, &error))
    return pb_cli_fail (error);

  stored = pb_secrets_store_sync (account.host, account.username, password, NULL, &error);
  wipe (password, sizeof password);
  if (!stored)
    return pb_cli_fail (error);

  g_print (_("Stored the password for %1$s on %2$s in the keyring.\n"), account.username,
           account.host);
  return note_password_changed (cli);
}

static int
account_forget (PbCli  *cli,
                int     argc,
                char  **argv)
{
  g_auto(Account) account = { 0, };
  GError *error = NULL;
  gboolean removed = FALSE;

  if (!pb_cli_parse_options (cli, "account forget", "",
                             _("Remove the mail account's password from the keyring."),
                             NULL, FALSE, &argc, &argv))
    return PB_EXIT_USAGE;
  if (argc > 1)
    return pb_cli_usage_error ("account forget", _("unexpected argument “%s”"), argv[1]);

  if (!read_account (&account, &error) ||
      !pb_secrets_forget_sync (account.host, account.username, &removed, NULL, &error))
    return pb_cli_fail (error);

  if (removed)
    g_print (_("Removed the password for %1$s on %2$s from the keyring.\n"), account.username,
             account.host);
  else
    g_print (_("No password for %1$s on %2$s was stored.\n"), account.username, account.host);

  return removed ? note_password_changed (cli) : PB_EXIT_OK;
}

static const char *
security_name (PbSmtpSecurity security)
{
  switch (security)
    {
    case PB_SMTP_SECURITY_TLS:
      return _("TLS");
    case PB_SMTP_SECURITY_NONE:
      return _("none (this computer only)");
    case PB_SMTP_SECURITY_STARTTLS:
    default:
      return _("STARTTLS");
    }
}

static char *
describe_password (const char *host,
                   const char *username)
{
  g_autoptr(PbSecret) secret = NULL;
  g_autoptr(GError) error = NULL;

  if (*host == '\0' || *username == '\0')
    return g_strdup (_("not needed without a user name"));

  /* No unlock prompt: this only looks. */
  secret = pb_secrets_lookup_sync (host, username, PB_SECRETS_LOOKUP_DEFAULT, NULL, &error);
  if (secret != NULL)
    return g_strdup (_("stored in the keyring"));
  if (g_error_matches (error, PB_SECRETS_ERROR, PB_SECRETS_ERROR_NOT_FOUND))
    return g_strdup (_("not stored; run “paperboy-cli account set-password”"));

  return g_strdup (error->message);
}

static void
add_field (GPtrArray  *fields,
           const char *label,
           const char *value)
{
  g_ptr_array_add (fields, g_strdup (label));
  g_ptr_array_add (fields, g_strdup (value));
}

static int
account_status (PbCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *host = NULL;
  g_autofree char *username = NULL;
  g_autofree char *from = NULL;
  g_autofree char *ca_file = NULL;
  g_autofree char *password = NULL;
  g_autofree char *port = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  GError *error = NULL;

  if (!pb_cli_parse_options (cli, "account status", "",
                             _("Show the mail account that sends the digest."),
                             NULL, FALSE, &argc, &argv))
    return PB_EXIT_USAGE;
  if (argc > 1)
    return pb_cli_usage_error ("account status", _("unexpected argument “%s”"), argv[1]);

  if ((settings = pb_cli_open_settings (&error)) == NULL)
    return pb_cli_fail (error);

  host = g_strstrip (g_settings_get_string (settings, "smtp-host"));
  username = g_strstrip (g_settings_get_string (settings, "smtp-username"));
  from = g_settings_get_string (settings, "digest-from");
  ca_file = g_settings_get_string (settings, "smtp-ca-file");
  password = describe_password (host, username);

  port = g_strdup_printf ("%d", g_settings_get_int (settings, "smtp-port"));
  fields = g_ptr_array_new_with_free_func (g_free);
  add_field (fields, _("Server"), *host ? host : _("not set"));
  add_field (fields, _("Port"), port);
  add_field (fields, _("Security"),
             security_name (g_settings_get_enum (settings, "smtp-security")));
  add_field (fields, _("User name"), *username ? username : _("none"));
  add_field (fields, _("Password"), password);
  /* Translators: the sender of the digest is the user name */
  add_field (fields, _("From"), *from ? from : _("the user name"));
  /* Translators: the certificate authorities are those of the system */
  add_field (fields, _("Certificates"), *ca_file ? ca_file : _("the system's"));
  pb_cli_print_fields (fields, 16);

  return PB_EXIT_OK;
}

static const PbCliSubcommand subcommands[] = {
  { "set-password", account_set_password, N_("Store the password, read from standard input") },
  { "forget", account_forget, N_("Remove the password from the keyring") },
  { "status", account_status, N_("Show the mail account") },
  { NULL }
};

int
pb_cli_account (PbCli  *cli,
                int     argc,
                char  **argv)
{
  return pb_cli_run_subcommand (cli, "account", subcommands, argc, argv);
}
