/* pb-mailer.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-mailer"

#include "config.h"

#include <curl/curl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pb-mailer.h"

/**
 * PbMailer:
 *
 * Sends one finished message to one recipient. The digest composes and
 * decides; a mailer only delivers, so that tests of the composing side can
 * plug in a mailer of their own.
 *
 * PbSmtpMailer is the real one: libcurl's SMTP client (no SMTP of our own).
 * TLS is always required and verified (implicit TLS or STARTTLS), except
 * that a server on this computer may be reached without it. Failures come
 * back as #PbMailerError codes with a sentence for the user; the password is
 * in none of them.
 */

#define DEFAULT_CONNECT_TIMEOUT 15
#define DEFAULT_TOTAL_TIMEOUT   120

G_DEFINE_QUARK (pb-mailer-error-quark, pb_mailer_error)

G_DEFINE_INTERFACE (PbMailer, pb_mailer, G_TYPE_OBJECT)

static void
pb_mailer_default_init (PbMailerInterface *iface)
{
}

/**
 * pb_mailer_send:
 * @sender: the envelope sender, a bare address
 * @recipient: the one envelope recipient, a bare address
 * @message: the whole message, headers and body, with CRLF line ends
 *
 * Blocks until the server accepted or refused the message: call it from a
 * worker thread, the command line or the service.
 */
gboolean
pb_mailer_send (PbMailer      *self,
                const char    *sender,
                const char    *recipient,
                GBytes        *message,
                GCancellable  *cancellable,
                GError       **error)
{
  g_return_val_if_fail (PB_IS_MAILER (self), FALSE);
  g_return_val_if_fail (sender != NULL && recipient != NULL && message != NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  return PB_MAILER_GET_IFACE (self)->send (self, sender, recipient, message, cancellable, error);
}

/**
 * pb_mailer_error_is_temporary:
 *
 * Returns: whether trying again later, with the same settings, may work
 */
gboolean
pb_mailer_error_is_temporary (const GError *error)
{
  if (error == NULL || error->domain != PB_MAILER_ERROR)
    return FALSE;

  switch ((PbMailerError)error->code)
    {
    case PB_MAILER_ERROR_CONNECT:
    case PB_MAILER_ERROR_TLS:       /* a hotel network may be in the way */
    case PB_MAILER_ERROR_TIMEOUT:
    case PB_MAILER_ERROR_FAILED:
      return TRUE;
    case PB_MAILER_ERROR_CONFIG:
    case PB_MAILER_ERROR_AUTH:
    case PB_MAILER_ERROR_SENDER:
    case PB_MAILER_ERROR_RECIPIENT:
    case PB_MAILER_ERROR_REFUSED:
    default:
      return FALSE;
    }
}

/**
 * pb_mailer_error_kind:
 *
 * Returns: a short stable name of the kind of failure, for the digest log
 */
const char *
pb_mailer_error_kind (const GError *error)
{
  static const char * const kinds[] = {
    "config", "connect", "tls", "auth", "sender", "recipient", "timeout", "refused", "failed",
  };

  if (error == NULL)
    return NULL;
  if (error->domain != PB_MAILER_ERROR || error->code < 0 ||
      error->code >= (int)G_N_ELEMENTS (kinds))
    return "failed";

  return kinds[error->code];
}

/**
 * pb_host_is_loopback:
 *
 * Returns: whether @host is this computer: "localhost" or a loopback address
 */
gboolean
pb_host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static gboolean
is_valid_domain (const char *domain)
{
  g_auto(GStrv) labels = NULL;

  if (*domain == '\0' || strlen (domain) > 253)
    return FALSE;

  labels = g_strsplit (domain, ".", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      gsize len = strlen (labels[i]);

      /* A final dot (an absolute name) leaves one empty label at the end. */
      if (len == 0 && labels[i + 1] == NULL && i > 0)
        continue;
      if (len == 0 || len > 63 || labels[i][0] == '-' || labels[i][len - 1] == '-')
        return FALSE;
      for (const char *p = labels[i]; *p; p++)
        if (!g_ascii_isalnum (*p) && *p != '-')
          return FALSE;
    }

  return TRUE;
}

/**
 * pb_mail_address_is_valid:
 *
 * A strict check of a bare address (local@domain, ASCII, no display name,
 * no comments): what the settings accept, so that nothing odd can reach a
 * header or an SMTP command.
 *
 * Returns: whether @address is one
 */
gboolean
pb_mail_address_is_valid (const char *address)
{
  const char *at;

  if (address == NULL || strlen (address) > 254)
    return FALSE;

  at = strrchr (address, '@');
  if (at == NULL || at == address || at - address > 64 || !is_valid_domain (at + 1))
    return FALSE;

  for (const char *p = address; p < at; p++)
    {
      /* RFC 5322 atext and dots, but no leading, trailing or double dot. */
      if (g_ascii_isalnum (*p) || strchr ("!#$%&'*+/=?^_`{|}~-", *p) != NULL)
        continue;
      if (*p == '.' && p != address && p + 1 != at && p[1] != '.')
        continue;
      return FALSE;
    }

  return TRUE;
}

/**
 * pb_mail_host_is_valid:
 *
 * Returns: whether @host is a host name, an IPv4 or an IPv6 address
 */
gboolean
pb_mail_host_is_valid (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL || *host == '\0')
    return FALSE;

  address = g_inet_address_new_from_string (host);
  if (address != NULL)
    return TRUE;

  return is_valid_domain (host);
}

/* PbSmtpMailer */

struct _PbSmtpMailer
{
  GObject         parent_instance;

  char           *host;
  guint           port;
  PbSmtpSecurity  security;
  char           *username;  /* (nullable) */
  char           *password;  /* (nullable): wiped when replaced or freed */
  char           *ca_file;   /* (nullable): the system trust store when unset */
  guint           connect_timeout;
  guint           total_timeout;
};

static void pb_smtp_mailer_iface_init (PbMailerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PbSmtpMailer, pb_smtp_mailer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PB_TYPE_MAILER, pb_smtp_mailer_iface_init))

static void
clear_password (PbSmtpMailer *self)
{
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_clear_pointer (&self->password, g_free);
}

static void
pb_smtp_mailer_finalize (GObject *object)
{
  PbSmtpMailer *self = (PbSmtpMailer *)object;

  clear_password (self);
  g_free (self->host);
  g_free (self->username);
  g_free (self->ca_file);

  G_OBJECT_CLASS (pb_smtp_mailer_parent_class)->finalize (object);
}

static void
pb_smtp_mailer_class_init (PbSmtpMailerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_smtp_mailer_finalize;

  /* Once per process, before any thread uses libcurl. */
  curl_global_init (CURL_GLOBAL_DEFAULT);
}

static void
pb_smtp_mailer_init (PbSmtpMailer *self)
{
  self->connect_timeout = DEFAULT_CONNECT_TIMEOUT;
  self->total_timeout = DEFAULT_TOTAL_TIMEOUT;
}

/**
 * pb_smtp_mailer_new:
 * @host: the server's name or address
 * @port: 1 to 65535
 * @security: %PB_SMTP_SECURITY_NONE works only for a loopback @host
 *
 * Returns: (transfer full): a mailer
 */
PbSmtpMailer *
pb_smtp_mailer_new (const char     *host,
                    guint           port,
                    PbSmtpSecurity  security)
{
  PbSmtpMailer *self;

  g_return_val_if_fail (host != NULL, NULL);

  self = g_object_new (PB_TYPE_SMTP_MAILER, NULL);
  self->host = g_strdup (host);
  self->port = port;
  self->security = security;

  return self;
}

/**
 * pb_smtp_mailer_set_credentials:
 * @username: (nullable): %NULL or "" to send without logging in
 * @password: (nullable): copied; the copy is wiped when no longer needed
 */
void
pb_smtp_mailer_set_credentials (PbSmtpMailer *self,
                                const char   *username,
                                const char   *password)
{
  g_return_if_fail (PB_IS_SMTP_MAILER (self));

  clear_password (self);
  g_free (self->username);
  self->username = (username && *username) ? g_strdup (username) : NULL;
  self->password = g_strdup (password);
}

/**
 * pb_smtp_mailer_set_ca_file:
 * @ca_file: (nullable): a PEM file of certificate authorities to trust
 *   instead of the system's; %NULL or "" for the system trust store
 */
void
pb_smtp_mailer_set_ca_file (PbSmtpMailer *self,
                            const char   *ca_file)
{
  g_return_if_fail (PB_IS_SMTP_MAILER (self));

  g_free (self->ca_file);
  self->ca_file = (ca_file && *ca_file) ? g_strdup (ca_file) : NULL;
}

void
pb_smtp_mailer_set_timeouts (PbSmtpMailer *self,
                             guint         connect_seconds,
                             guint         total_seconds)
{
  g_return_if_fail (PB_IS_SMTP_MAILER (self));
  g_return_if_fail (connect_seconds > 0 && total_seconds >= connect_seconds);

  self->connect_timeout = connect_seconds;
  self->total_timeout = total_seconds;
}

typedef struct
{
  const guint8 *data;
  gsize         size;
  gsize         offset;
} Upload;

static size_t
read_upload_cb (char   *buffer,
                size_t  size,
                size_t  n_items,
                void   *user_data)
{
  Upload *upload = user_data;
  gsize n = MIN (size * n_items, upload->size - upload->offset);

  memcpy (buffer, upload->data + upload->offset, n);
  upload->offset += n;

  return n;
}

static int
progress_cb (void       *user_data,
             curl_off_t  dltotal,
             curl_off_t  dlnow,
             curl_off_t  ultotal,
             curl_off_t  ulnow)
{
  return g_cancellable_is_cancelled (user_data) ? 1 : 0;
}

static gboolean
check_settings (PbSmtpMailer  *self,
                GError       **error)
{
  /* Anything that could change the meaning of the URL is refused rather
   * than escaped. */
  if (!pb_mail_host_is_valid (self->host))
    {
      g_set_error (error, PB_MAILER_ERROR, PB_MAILER_ERROR_CONFIG,
                   _("“%s” is not a mail server name"), self->host);
      return FALSE;
    }
  if (self->port == 0 || self->port > 65535)
    {
      g_set_error (error, PB_MAILER_ERROR, PB_MAILER_ERROR_CONFIG,
                   _("The port %u is not between 1 and 65535"), self->port);
      return FALSE;
    }
  if (self->security == PB_SMTP_SECURITY_NONE && !pb_host_is_loopback (self->host))
    {
      g_set_error (error, PB_MAILER_ERROR, PB_MAILER_ERROR_CONFIG,
                   _("Mail is sent without encryption only to a server on this computer; "
                     "choose STARTTLS or TLS for %s"), self->host);
      return FALSE;
    }
  if (self->ca_file != NULL && g_access (self->ca_file, R_OK) != 0)
    {
      g_set_error (error, PB_MAILER_ERROR, PB_MAILER_ERROR_CONFIG,
                   _("Cannot read the certificate authority file %s"), self->ca_file);
      return FALSE;
    }

  return TRUE;
}

static char *
build_url (PbSmtpMailer *self)
{
  const char *scheme = self->security == PB_SMTP_SECURITY_TLS ? "smtps" : "smtp";

  if (strchr (self->host, ':') != NULL)
    return g_strdup_printf ("%s://[%s]:%u", scheme, self->host, self->port);

  return g_strdup_printf ("%s://%s:%u", scheme, self->host, self->port);
}

static void
setup_handle (PbSmtpMailer        *self,
              CURL                *curl,
              const char          *url,
              const char          *mail_from,
              struct curl_slist   *rcpt,
              Upload              *upload,
              char                *error_buffer,
              GCancellable        *cancellable)
{
  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, error_buffer);

  /* STARTTLS must succeed or nothing is sent; implicit TLS starts with it. */
  curl_easy_setopt (curl, CURLOPT_USE_SSL,
                    self->security == PB_SMTP_SECURITY_NONE ? (long)CURLUSESSL_NONE
                                                            : (long)CURLUSESSL_ALL);
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (self->ca_file != NULL)
    curl_easy_setopt (curl, CURLOPT_CAINFO, self->ca_file);

  if (self->username != NULL)
    {
      curl_easy_setopt (curl, CURLOPT_USERNAME, self->username);
      curl_easy_setopt (curl, CURLOPT_PASSWORD, self->password ? self->password : "");
    }

  curl_easy_setopt (curl, CURLOPT_MAIL_FROM, mail_from);
  curl_easy_setopt (curl, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt (curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt (curl, CURLOPT_READFUNCTION, read_upload_cb);
  curl_easy_setopt (curl, CURLOPT_READDATA, upload);
  curl_easy_setopt (curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)upload->size);

  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, (long)self->connect_timeout);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, (long)self->total_timeout);

  if (cancellable != NULL)
    {
      curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, progress_cb);
      curl_easy_setopt (curl, CURLOPT_XFERINFODATA, cancellable);
      curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
    }
}

static void
set_tls_error (PbSmtpMailer  *self,
               CURLcode       rc,
               const char    *detail,
               GError       **error)
{
  switch (rc)
    {
    case CURLE_PEER_FAILED_VERIFICATION:
      g_set_error (error, PB_MAILER_ERROR, PB_MAILER_ERROR_TLS,
                   _("The certificate of the mail server %1$s is not trusted (%2$s). If the server "
                     "has its own certificate authority, choose its certificate file in the "
                     "preferences."), self->host, detail);
      break;
    case CURLE_USE_SSL_FAILED:
      g_set_error (error, PB_MAILER_ERROR, PB_MAILER_ERROR_TLS,
                   _("The mail server %s does not offer STARTTLS, so nothing was sent. Check "
                     "the port and the connection security (port 465 uses TLS, 587 STARTTLS)."),
                   self->host);
      break;
    case CURLE_SSL_CACERT_BADFILE:
      g_set_error (error, PB_MAILER_ERROR, PB_MAILER_ERROR_CONFIG,
                   _("The certificate authority file %s holds no usable certificate"),
                   self->ca_file ? self->ca_file : "");
      break;
    default:
      g_set_error (error, PB_MAILER_ERROR, PB_MAILER_ERROR_TLS,
                   _("Cannot make a secure connection to the mail server %1$s (%2$s). Check the "
                     "port and the connection security (port 465 uses TLS, 587 STARTTLS)."),
                   self->host, detail);
    }
}

/* An SMTP reply refused something: which step tells what. 4xx replies mean
 * "try again later". */
static void
set_reply_error (PbSmtpMailer  *self,
                 const char    *detail,
                 long           reply,
                 const char    *sender,
                 const char    *recipient,
                 GError       **error)
{
  gboolean temporary = reply >= 400 && reply < 500;

  if (temporary)
    g_set_error (error, PB_MAILER_ERROR, PB_MAILER_ERROR_FAILED,
                 _("The mail server %1$s asked to try again later (reply %2$ld)"), self->host, reply);
  else if (g_str_has_prefix (detail, "RCPT"))
    g_set_error (error, PB_MAILER_ERROR, PB_MAILER_ERROR_RECIPIENT,
                 _("The mail server refused the recipient %1$s (reply %2$ld)"), recipient, reply);
  else if (g_str_has_prefix (detail, "MAIL") && reply == 530)
    g_set_error (error, PB_MAILER_ERROR, PB_MAILER_ERROR_AUTH,
                 _("The mail server %s requires a user name and password"), self->host);
  else if (g_str_has_prefix (detail, "MAIL"))
    g_set_error (error, PB_MAILER_ERROR, PB_MAILER_ERROR_SENDER,
                 _("The mail server refused the sender address %1$s (reply %2$ld). Many servers "
                   "only accept the address of the account as sender."), sender, reply);
  else
    g_set_error (error, PB_MAILER_ERROR, PB_MAILER_ERROR_REFUSED,
                 _("The mail server %1$s refused the message (reply %2$ld)"), self->host, reply);
}

static void
set_curl_error (PbSmtpMailer  *self,
                CURL          *curl,
                CURLcode       rc,
                const char    *error_buffer,
                const char    *sender,
                const char    *recipient,
                GError       **error)
{
  const char *detail = *error_buffer ? error_buffer : curl_easy_strerror (rc);
  long reply = 0;

  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &reply);
  g_debug ("Sending to %s:%u failed: curl error %d, reply %ld: %s",
           self->host, self->port, rc, reply, detail);

  switch (rc)
    {
    case CURLE_COULDNT_RESOLVE_HOST:
      g_set_error (error, PB_MAILER_ERROR, PB_MAILER_ERROR_CONNECT,
                   _("Cannot find the mail server %s. Check its name and the network "
                     "connection."), self->host);
      break;
    case CURLE_COULDNT_CONNECT:
      g_set_error (error, PB_MAILER_ERROR, PB_MAILER_ERROR_CONNECT,
                   _("Cannot connect to the mail server %1$s on port %2$u. Check the server, the "
                     "port and the network connection."), self->host, self->port);
      break;
    case CURLE_OPERATION_TIMEDOUT:
      g_set_error (error, PB_MAILER_ERROR, PB_MAILER_ERROR_TIMEOUT,
                   _("The mail server %s did not answer in time. Check the port and the "
                     "connection security (port 465 uses TLS, 587 STARTTLS)."), self->host);
      break;
    case CURLE_LOGIN_DENIED:
    case CURLE_AUTH_ERROR:
      g_set_error (error, PB_MAILER_ERROR, PB_MAILER_ERROR_AUTH,
                   _("The mail server %s refused the user name or password. Many providers "
                     "need an app password here rather than your usual password."), self->host);
      break;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_USE_SSL_FAILED:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_INVALIDCERTSTATUS:
      set_tls_error (self, rc, detail, error);
      break;
    case CURLE_ABORTED_BY_CALLBACK:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Sending was cancelled"));
      break;
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_WEIRD_SERVER_REPLY:
      if (reply >= 400)
        {
          set_reply_error (self, detail, reply, sender, recipient, error);
          break;
        }
      G_GNUC_FALLTHROUGH;
    default:
      g_set_error (error, PB_MAILER_ERROR, PB_MAILER_ERROR_FAILED,
                   _("Sending through %1$s failed: %2$s"), self->host, detail);
    }
}

static gboolean
pb_smtp_mailer_send (PbMailer      *mailer,
                     const char    *sender,
                     const char    *recipient,
                     GBytes        *message,
                     GCancellable  *cancellable,
                     GError       **error)
{
  PbSmtpMailer *self = PB_SMTP_MAILER (mailer);
  g_autofree char *url = NULL;
  g_autofree char *mail_from = NULL;
  g_autofree char *rcpt_to = NULL;
  char error_buffer[CURL_ERROR_SIZE] = "";
  struct curl_slist *rcpt = NULL;
  Upload upload = { 0, };
  CURL *curl;
  CURLcode rc;

  if (!check_settings (self, error))
    return FALSE;
  if (!pb_mail_address_is_valid (sender))
    {
      g_set_error (error, PB_MAILER_ERROR, PB_MAILER_ERROR_CONFIG,
                   _("“%s” is not an email address"), sender);
      return FALSE;
    }
  if (!pb_mail_address_is_valid (recipient))
    {
      g_set_error (error, PB_MAILER_ERROR, PB_MAILER_ERROR_CONFIG,
                   _("“%s” is not an email address"), recipient);
      return FALSE;
    }

  curl = curl_easy_init ();
  if (curl == NULL)
    {
      g_set_error_literal (error, PB_MAILER_ERROR, PB_MAILER_ERROR_FAILED,
                           _("Cannot start the mail client"));
      return FALSE;
    }

  url = build_url (self);
  mail_from = g_strdup_printf ("<%s>", sender);
  rcpt_to = g_strdup_printf ("<%s>", recipient);
  rcpt = curl_slist_append (rcpt, rcpt_to);
  upload.data = g_bytes_get_data (message, &upload.size);

  setup_handle (self, curl, url, mail_from, rcpt, &upload, error_buffer, cancellable);

  g_debug ("Sending %zu bytes through %s", upload.size, url);
  rc = curl_easy_perform (curl);
  if (rc != CURLE_OK)
    set_curl_error (self, curl, rc, error_buffer, sender, recipient, error);

  curl_slist_free_all (rcpt);
  curl_easy_cleanup (curl);

  return rc == CURLE_OK;
}

static void
pb_smtp_mailer_iface_init (PbMailerInterface *iface)
{
  iface->send = pb_smtp_mailer_send;
}
