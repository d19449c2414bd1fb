//! The window's words in French.

use super::Msg;

/// The French text of a message.
pub(super) fn text(msg: Msg) -> &'static str {
    match msg {
        Msg::PendingSuffix => " — {count} en attente",
        Msg::NewSuffix => ", {count} nouvelles",
        Msg::AllApps => "Toutes les apps ({count})",
        Msg::AppsLabel => "Apps :",
        Msg::NoAppSession => "Aucune session d’application",
        Msg::NoFolderOpen => "Aucun dossier ouvert",
        Msg::Refresh => "Actualiser",
        Msg::RefreshHint => "Relire tout le dossier ({shortcut})",
        Msg::Pushing => "Envoi…",
        Msg::Push => "Envoyer",
        Msg::PushHint => {
            "Demander au serveur 4D de recharger les fichiers de session (MOBILE APP REFRESH SESSIONS)"
        }
        Msg::PushDisabledHint => {
            "Rien à envoyer : changez un statut ou supprimez une session d’abord"
        }
        Msg::Undo => "Annuler",
        Msg::ServerSettingsButton => "Réglages du serveur…",
        Msg::OpenFolderButton => "Ouvrir un dossier…",
        Msg::SearchLabel => "Rechercher :",
        Msg::SearchHint => "e-mail, appareil, id d’appareil, id de session ou IP",
        Msg::SearchTooltip => "{shortcut} pour rechercher, Échap pour effacer",
        Msg::ShowLabel => "Afficher :",
        Msg::ShownCount => "{count} affichées",
        Msg::ExportButton => "Exporter…",
        Msg::ExportHint => {
            "Enregistrer les sessions affichées, dans cet ordre, dans un fichier CSV"
        }
        Msg::SelectedCount => "{count} sélectionnées :",
        Msg::Accept => "Accepter",
        Msg::SetPending => "Mettre en attente",
        Msg::DeleteAsk => "Supprimer…",
        Msg::ClearSelection => "Effacer la sélection",
        Msg::LanguageMenu => "Langue",
        Msg::LanguageSystem => "Système ({language})",
        Msg::LanguageMenuHint => "La langue de la fenêtre",
        Msg::FilterAll => "Toutes",
        Msg::FilterPending => "En attente",
        Msg::FilterAccepted => "Acceptées",
        Msg::FilterProblems => "Problèmes",
        Msg::Dismiss => "Masquer",
        Msg::FolderHint => "Le dossier MobileApps",
        Msg::SessionsOne => "{count} session",
        Msg::SessionsMany => "{count} sessions",
        Msg::PendingCount => "{count} en attente",
        Msg::ProblemsOne => "{count} problème",
        Msg::ProblemsMany => "{count} problèmes",
        Msg::ProblemsHint => "Afficher les fichiers que 4D refuserait",
        Msg::ReadingProgress => "lecture de {read} fichiers sur {total}…",
        Msg::ReadAt => "lu à {time}",
        Msg::WatchLive => "en direct",
        Msg::WatchEvery => "toutes les {seconds} s",
        Msg::WatchOff => "arrêtée",
        Msg::WatchLabel => "Surveillance :",
        Msg::WatchLiveChoice => "en direct (notifications du système)",
        Msg::WatchPollChoice => "toutes les 2 s (partages réseau)",
        Msg::WatchPollHint => {
            "Les partages SMB et NFS n’envoient pas de notifications de changement : regarder les fichiers toutes les 2 secondes à la place"
        }
        Msg::FolderGone => "Le dossier a disparu ; en attente de son retour.",
        Msg::PollingNote => "vérification du dossier toutes les {seconds} s",
        Msg::AppName => "Mobile Sessions",
        Msg::WelcomeTagline => {
            "Consultez, acceptez et supprimez les sessions de vos apps mobiles 4D."
        }
        Msg::OpenMobileAppsFolder => "Ouvrir le dossier MobileApps…",
        Msg::OpenDemo => "Ouvrir la démo",
        Msg::WelcomeWhere => {
            "4D range le dossier MobileApps à côté du fichier de données du serveur, par ex. MonProjet/Data/MobileApps. Vous pouvez aussi choisir le dossier de données ou celui du projet, ou déposer l’un d’eux sur cette fenêtre."
        }
        Msg::RecentFolders => "Dossiers récents",
        Msg::Opening => "Ouverture de {folder} …",
        Msg::DeleteOneTitle => "Supprimer cette session ?",
        Msg::FileNamed => "fichier {id}",
        Msg::Guest => "invité",
        Msg::WhoWithEmail => "{device} ({email})",
        Msg::DeleteOneBody => {
            "La session de {who} sera supprimée. L’appareil devra se reconnecter, et le serveur 4D l’oublie dès que vous envoyez les changements."
        }
        Msg::DeleteGone => {
            "Cette session a été supprimée du disque entre-temps ; il n’y a plus rien à supprimer."
        }
        Msg::DeleteChanged => {
            "Cette session a changé sur le disque depuis votre demande ; fermez ceci et regardez-la à nouveau."
        }
        Msg::Delete => "Supprimer",
        Msg::Close => "Fermer",
        Msg::Cancel => "Annuler",
        Msg::DeleteManyTitle => "Supprimer {count} sessions ?",
        Msg::DeleteManyBody => "Ces appareils devront se reconnecter :",
        Msg::AndMore => "et {count} de plus.",
        Msg::DeleteCount => "Supprimer {count}",
        Msg::ProblemsTitle => "Problèmes",
        Msg::ProblemsIntro => {
            "4D écarte ces sessions quand il recharge les fichiers : leurs appareils sont déconnectés."
        }
        Msg::CodeWithMobi => "{code} (erreur 4D mobi {mobi})",
        Msg::AppFolderItself => "(dossier de l’app)",
        Msg::DeleteFileHint => "Supprimer ce fichier (demande d’abord)",
        Msg::ShowOnDisk => "Afficher sur le disque…",
        Msg::ExplainLocation => {
            "Le fichier n’est pas là où son contenu l’indique : 4D l’attend dans le dossier de son app (id d’équipe et id de bundle), nommé d’après son id de session."
        }
        Msg::ExplainSyntax => {
            "Le fichier n’est pas un JSON bien formé : 4D ne peut pas le lire du tout."
        }
        Msg::ExplainSchema => {
            "Un champ exigé par 4D manque ou n’a pas le bon type, ou le statut n’est ni accepted ni pending."
        }
        Msg::ExplainToken => {
            "Le jeton de connexion ne désigne pas l’app, la session et l’équipe de ce fichier : 4D refuse la session."
        }
        Msg::ExplainUnsafe => {
            "Le fichier est un lien symbolique ou mènerait hors du dossier ; cette app n’y touche pas."
        }
        Msg::ExplainUnreadable => {
            "Le fichier ne peut pas être lu : pas de permission, texte qui n’est pas en UTF-8, ou plus de 1 Mio."
        }
        Msg::ServerSettingsTitle => "Réglages du serveur",
        Msg::SettingsIntro => {
            "Pour envoyer, l’app doit savoir où votre serveur 4D écoute. Réglez-le une fois ; c’est enregistré pour ce dossier."
        }
        Msg::ServerUrl => "URL du serveur",
        Msg::Secret => "Secret",
        Msg::TestConnection => "Tester la connexion",
        Msg::OnTheServer => "Sur le serveur 4D",
        Msg::ServerHowTo => {
            "Créez cette méthode projet, cochez « Balises 4D et URL (4DACTION) » dans ses propriétés et vérifiez que le serveur web tourne. Le secret ci-dessus doit être celui du code."
        }
        Msg::FourDCode => "Code 4D",
        Msg::CopyCode => "Copier le code",
        Msg::SaveAndPush => "Enregistrer et envoyer",
        Msg::Save => "Enregistrer",
        Msg::ConnectionToken => "Jeton de connexion",
        Msg::NoToken => "Le fichier n’a pas de jeton.",
        Msg::AppId => "Id de l’app",
        Msg::SessionId => "Id de session",
        Msg::TeamId => "Id d’équipe",
        Msg::TokenMismatch => "Ne correspond pas au fichier (voir Problèmes).",
        Msg::TokenMatches => "Correspond au fichier.",
        Msg::Details => "Détails",
        Msg::NoLongerOnDisk => "Cette session n’est plus sur le disque.",
        Msg::Yes => "oui",
        Msg::No => "non",
        Msg::GroupApp => "App",
        Msg::Name => "Nom",
        Msg::BundleId => "Id de bundle",
        Msg::Version => "Version",
        Msg::Team => "Équipe",
        Msg::Folder => "Dossier",
        Msg::GroupDevice => "Appareil",
        Msg::Device => "Appareil",
        Msg::Os => "OS",
        Msg::OsVersion => "Version de l’OS",
        Msg::DeviceId => "Id d’appareil",
        Msg::Simulator => "Simulateur",
        Msg::GroupUser => "Utilisateur",
        Msg::Email => "E-mail",
        Msg::Language => "Langue",
        Msg::GroupSession => "Session",
        Msg::Status => "Statut",
        Msg::Ip => "IP",
        Msg::CustomParameters => "Paramètres personnalisés",
        Msg::NoProblems => "Aucun : 4D gardera cette session quand il rechargera les fichiers.",
        Msg::File => "Fichier",
        Msg::CopyJson => "Copier le JSON",
        Msg::RawJson => "JSON brut",
        Msg::SortedAscending => "Trié par {column}, de A à Z ; cliquez pour inverser",
        Msg::SortedDescending => "Trié par {column}, de Z à A ; cliquez pour inverser",
        Msg::SortBy => "Trier par {column}",
        Msg::Columns => "Colonnes",
        Msg::NoAppSessionInFolder => "Aucune session d’application dans ce dossier.",
        Msg::App => "App",
        Msg::UnreadableFile => "Fichier illisible {id}",
        Msg::Problem => "problème",
        Msg::CannotEditHint => {
            "Ce fichier ne peut pas être modifié ; voir Problèmes dans la barre d’état."
        }
        Msg::New => "NOUVEAU",
        Msg::NewHint => "Cet appareil s’est connecté pendant que la fenêtre était ouverte",
        Msg::StatusNone => "aucun",
        Msg::GuestInTable => "(invité)",
        Msg::Unknown => "inconnu",
        Msg::Session => "Session",
        Msg::JustNow => "à l’instant",
        Msg::MinutesAgo => "il y a {count} min",
        Msg::HoursAgo => "il y a {count} h",
        Msg::DaysAgo => "il y a {count} jours",
        Msg::SimulatorValue => "simulateur",
        Msg::DeviceValue => "appareil",
        Msg::AppVersion => "Version de l’app",
        Msg::LastChange => "Dernier changement",
        Msg::ErrNoMobileApps => {
            "{path} ne contient aucun dossier MobileApps. Choisissez le dossier MobileApps lui-même, le dossier de données qui le contient, le fichier de données (*.4DD) à côté, ou le dossier du projet 4D (4D le range dans Data/MobileApps, à côté du fichier de données)."
        }
        Msg::ErrNotFound => "{path} n’existe pas ; vérifiez le chemin et réessayez.",
        Msg::ErrUnknownApp => {
            "Aucun dossier d’app ne correspond à {app} ; les apps sont : {candidates}."
        }
        Msg::ErrAmbiguousApp => {
            "{app} correspond à plusieurs dossiers d’app ({candidates}) ; choisissez le nom complet du dossier."
        }
        Msg::ErrUnknownSession => {
            "L’app {app} n’a plus de session {id} ; actualisez pour voir les sessions actuelles."
        }
        Msg::ErrUnsafe => {
            "Il n’est pas sûr de toucher à {path} ({reason}) ; il a été laissé tel quel."
        }
        Msg::ErrMalformed => {
            "{path} n’est pas un fichier de session bien formé ({reason}) ; corrigez-le ou supprimez-le à la main, il a été laissé tel quel."
        }
        Msg::ErrUnreadable => "Impossible de lire {path} : {reason}.",
        Msg::ErrReadOnly => {
            "{path} est en lecture seule ; rendez-le modifiable d’abord si vous voulez le changer."
        }
        Msg::ErrInvalidStatus => {
            "{status} n’est pas un statut de session ; utilisez accepted ou pending."
        }
        Msg::ErrBusy => {
            "{path} n’a pas cessé de changer pendant sa modification ; réessayez dans un instant."
        }
        Msg::ErrIo => "Impossible de {action} {path} : {reason}.",
        Msg::ActionListing => "lister",
        Msg::ActionReading => "lire",
        Msg::ActionWriting => "écrire",
        Msg::ActionDeleting => "supprimer",
        Msg::ActionRestoring => "restaurer",
        Msg::None => "aucun",
        Msg::PushNoUrl => {
            "Aucune URL de serveur n’est réglée pour ce dossier ; réglez-la dans Réglages du serveur."
        }
        Msg::PushBadUrl => "{url} n’est pas une URL http:// ou https://.",
        Msg::PushRefused => "Le serveur a répondu {status}{body} ; {hint}.",
        Msg::PushUnreachable => {
            "Impossible de joindre {url} : {reason} ; vérifiez que le serveur web de 4D tourne et que l’URL est juste."
        }
        Msg::HintSecret => "vérifiez le secret : ce doit être celui que compare la méthode 4D",
        Msg::HintNotFound => {
            "vérifiez l’URL : la méthode 4D doit exister et être disponible par 4DACTION (ou REST)"
        }
        Msg::HintServerError => "la méthode 4D a échoué ; consultez le journal du serveur",
        Msg::HintOther => "vérifiez l’URL et la méthode 4D",
        Msg::UndoStatus => "Remettre le statut à {status}",
        Msg::UndoDelete => "Remettre le fichier de session supprimé",
        Msg::UndoBatch => "Annuler les {count} derniers changements",
        Msg::FolderRead => "Tout le dossier a été lu.",
        Msg::ServerReloaded => "Le serveur a rechargé les sessions (HTTP {status}).",
        Msg::PushFailed => "L’envoi a échoué : {error}",
        Msg::DemoCopyFailed => "Impossible de copier le dossier de démo : {error}.",
        Msg::PickFolderTitle => "Ouvrir un dossier MobileApps",
        Msg::StatusSet => "Statut mis à {status}.",
        Msg::MovedToTrash => {
            "La session a été mise à la corbeille ; l’appareil devra se reconnecter."
        }
        Msg::FileRemoved => {
            "Le fichier de session a été supprimé ; l’appareil devra se reconnecter."
        }
        Msg::Copied => "Copié.",
        Msg::Revealing => "Affichage de {path} dans le gestionnaire de fichiers.",
        Msg::RevealFailed => {
            "Impossible d’afficher {path} dans le gestionnaire de fichiers : {error}."
        }
        Msg::ReadingAgain => "Relecture de tout le dossier…",
        Msg::NoSettingsFolder => "ce système n’a pas de dossier pour les réglages des apps",
        Msg::SettingsNotSaved => "Les réglages du serveur n’ont pas pu être enregistrés : {error}.",
        Msg::SettingsSaved => "Réglages du serveur enregistrés.",
        Msg::ExportTitle => "Exporter les sessions affichées",
        Msg::Exported => "{count} sessions exportées vers {path}.",
        Msg::CouldNotWrite => "Impossible d’écrire {path} : {error}.",
        Msg::Undone => "Annulé : {what}.",
        Msg::CouldNotUndo => "Impossible d’annuler : {error}",
        Msg::DeviceAndFile => "{device} (fichier {id})",
        Msg::BulkSet => "{sessions} mises à {status}",
        Msg::BulkDeleted => "{sessions} supprimées",
        Msg::BulkDeletedTail => " ; ces appareils devront se reconnecter.",
        Msg::BulkFailures => "{done} ; {count} n’ont pas pu être changées : {failures}{more}.",
        Msg::AndMoreInline => " et {count} de plus",
        Msg::WindowTitleWaiting => "Mobile Sessions — {folder} — {count} nouvelles en attente",
        Msg::WindowTitleFolder => "Mobile Sessions — {folder}",
        Msg::PendingSuffixOne => " — {count} en attente",
        Msg::NewSuffixOne => ", {count} nouvelle",
        Msg::PendingCountOne => "{count} en attente",
        Msg::ShownCountOne => "{count} affichée",
        Msg::WindowTitleWaitingOne => "Mobile Sessions — {folder} — {count} nouvelle en attente",
        Msg::ExportedOne => "{count} session exportée vers {path}.",
        Msg::DaysAgoOne => "il y a {count} jour",
        Msg::StatusSetFor => "{device} : statut passé à {status}.",
        Msg::StatusAlreadyFor => "{device} a déjà le statut {status} ; rien n’a été écrit.",
        Msg::WriteFailedFor => "{device} : {error}",
        Msg::NotApplicableNoStatus => {
            "{device} n’est pas une session lisible par 4D, elle n’a donc pas de statut à changer ; ses problèmes figurent dans le panneau de détails."
        }
        Msg::NotApplicableUnsafe => {
            "{device} est un lien symbolique ou n’est pas sûr à toucher ; il n’est jamais modifié ni supprimé d’ici."
        }
        Msg::ShortNoStatus => "pas une session lisible par 4D",
        Msg::ShortUnsafe => "un lien symbolique, jamais modifié",
        Msg::DeletedToTrashFor => {
            "{device} : le fichier de session a été mis à la corbeille ; l’appareil devra se reconnecter."
        }
        Msg::DeletedRemovedFor => {
            "{device} : le fichier de session a été supprimé (ce dossier n’a pas de corbeille) ; l’appareil devra se reconnecter."
        }
        Msg::StepStatusBack => "remettre {device} à {status}",
        Msg::StepStatusOut => "remettre le fichier de {device} tel qu’il était, sans statut",
        Msg::StepDelete => "remettre la session supprimée de {device}",
        Msg::StepBatchSet => "annuler le changement de statut de {count} sessions",
        Msg::StepBatchDelete => "remettre {count} sessions supprimées",
        Msg::UndoTooltip => "Annuler : {what}",
        Msg::UndoFailedStep => "Impossible d’annuler ({what}) : {error}",
        Msg::NothingToUndo => "Rien à annuler.",
        Msg::RevealAsking => "Demande au gestionnaire de fichiers d’afficher {path}…",
        Msg::Revealed => "Affiché dans le gestionnaire de fichiers : {path}.",
        Msg::RevealNoAnswer => {
            "Aucun gestionnaire de fichiers n’a répondu, {path} n’a donc pas pu être affiché ({error}). Utilisez Copier le chemin pour l’ouvrir vous-même."
        }
        Msg::CopyPath => "Copier le chemin",
        Msg::NoDialogOpen => {
            "Aucune boîte de dialogue de dossier ne peut s’afficher sur ce système ; tapez ou collez plutôt le chemin du dossier."
        }
        Msg::NoDialogExport => {
            "Aucune boîte de dialogue d’enregistrement ne peut s’afficher sur ce système ; tapez ou collez plutôt le chemin du fichier CSV."
        }
        Msg::PathOpenTitle => "Ouvrir un dossier",
        Msg::PathExportTitle => "Exporter vers un fichier CSV",
        Msg::PathLabel => "Chemin :",
        Msg::PathOpenHint => {
            "le dossier MobileApps, le dossier de données, un fichier .4DD ou le dossier du projet"
        }
        Msg::PathExportHint => "le fichier CSV à écrire, p. ex. /home/moi/sessions.csv",
        Msg::OpenButton => "Ouvrir",
        Msg::SaveButton => "Enregistrer",
        Msg::ReadAtHint => {
            "Quand le dossier a été lu en entier ou qu’un changement y a été vu pour la dernière fois"
        }
        Msg::DeleteNotOffered => {
            "Un lien symbolique ou un fichier dangereux n’est jamais supprimé d’ici"
        }
        Msg::MoreMenu => "Plus",
        Msg::MoreMenuHint => "Commandes qui ne tiennent pas dans la fenêtre",
        Msg::ErrChangedSince => {
            "{path} a changé sur le disque depuis que cette application l’a écrit (le serveur ou un autre programme l’a réécrit) ; il a donc été laissé tel quel."
        }
        Msg::PushRedirected => {
            "Le serveur a répondu HTTP {status} et renvoie vers {location} ; Envoyer ne suit aucune redirection, donc rien n’a été rechargé : indiquez l’URL finale dans Réglages du serveur."
        }
        Msg::PushNoLocation => "aucune adresse",
        Msg::PushConnectionRefused => {
            "{server} a refusé la connexion : rien n’écoute sur ce port. Vérifiez que le serveur web de 4D est démarré et que le port de l’URL est juste."
        }
        Msg::PushTimedOut => {
            "{server} n’a pas répondu en {seconds} s. Vérifiez le nom et le port du serveur, et qu’aucun pare-feu ne bloque la connexion."
        }
        Msg::PushHostNotFound => {
            "Le nom de serveur {host} est introuvable. Vérifiez son orthographe dans l’URL et la connexion réseau de cet ordinateur."
        }
        Msg::PushNoRoute => {
            "{server} est injoignable depuis le réseau de cet ordinateur (aucune route). Vérifiez l’adresse et la connexion réseau."
        }
        Msg::PushCertificate => {
            "Le certificat de {server} a été refusé : {reason}. Donnez au serveur web de 4D un certificat auquel cet ordinateur fait confiance, établi pour le nom de l’URL."
        }
        Msg::PushSecureFailed => {
            "Aucune connexion sécurisée (https) n’a pu être établie avec {server} ({reason}). Vérifiez que le port sert du https, ou utilisez http:// pour un serveur sans certificat."
        }
        Msg::PushNotAnswered => {
            "{server} a fermé la connexion ou n’a pas répondu en HTTP ({reason}). Vérifiez que le schéma (http ou https) et le port de l’URL sont ceux du serveur web de 4D."
        }
        Msg::PushTestNotRecognised => {
            "Le serveur a répondu HTTP {status} mais n’a pas reconnu le test : sa méthode 4D est une ancienne version, qui recharge les sessions à chaque requête. Collez la méthode actuelle affichée ci-dessous."
        }
        Msg::ServerTestOk => {
            "Le serveur a répondu au test (HTTP {status}) : l’URL et le secret fonctionnent. Rien n’a été rechargé."
        }
        Msg::CertUnknownIssuer => {
            "il n’est pas signé par une autorité à laquelle cet ordinateur fait confiance (auto-signé ?)"
        }
        Msg::CertOtherName => "il est établi pour un autre nom",
        Msg::CertExpired => "il a expiré",
        Msg::CertNotValidYet => "il n’est pas encore valide",
        Msg::CertRevoked => "il a été révoqué",
        Msg::ErrNotWritable => {
            "Vous ne pouvez pas écrire {path} vous-même (il appartient à un autre utilisateur ou ses permissions l’interdisent) ; il a été laissé tel quel."
        }
        Msg::ErrCannotKeepOwner => {
            "{path} appartient à l’utilisateur {owner} et au groupe {group}, que cet utilisateur ne peut pas donner à un nouveau fichier ; il a été laissé tel quel : lancez l’application sous cet utilisateur ou en root."
        }
        Msg::ErrFolderNotWritable => {
            "Impossible d’écrire dans {path} (lecture seule ou pas à vous) ; rien n’a été modifié."
        }
        Msg::ErrHeld => "4D ou un autre programme tient {path} ouvert ; réessayez dans un instant.",
        Msg::ErrNoTrash => "Il n’y a pas de corbeille pour {path} ; il a été laissé tel quel.",
        Msg::ErrTrashFailed => {
            "La mise à la corbeille de {path} a échoué ({reason}) ; rien n’a été supprimé."
        }
        Msg::DeleteForGoodTitle => "Pas de corbeille ici",
        Msg::DeleteForGoodBody => {
            "Le disque de ce dossier n’a pas de corbeille : supprimer {count} fichier(s) de session les efface définitivement. Seul Annuler dans cette fenêtre peut les rendre, tant qu’elle reste ouverte."
        }
        Msg::DeleteForGoodButton => "Supprimer définitivement",
        Msg::ErrNothingToRestore => {
            "{path} ne peut pas être remis : son contenu n’a pas pu être lu à la suppression ; cherchez-le dans la corbeille du système."
        }
        Msg::UnsafeFile => "Fichier dangereux {id}",
        Msg::ExportInsideFolder => {
            "{path} est dans le dossier des sessions, où il pourrait remplacer un fichier de session ; choisissez un endroit hors de ce dossier."
        }
        Msg::ExportExists => {
            "{path} existe déjà et a été laissé tel quel ; tapez un autre nom de fichier."
        }
        Msg::UndoPartly => {
            "{count} changements annulés, mais impossible d’annuler ({what}) : {error}"
        }
        Msg::HistoryButton => "Historique",
        Msg::HistoryHint => "Ce qui a changé dans ce dossier, quand, et qui l’a changé",
        Msg::HistoryTitle => "Historique",
        Msg::HistorySearchLabel => "Chercher :",
        Msg::HistorySearchHint => "appareil, e-mail, utilisateur…",
        Msg::HistoryAppLabel => "App :",
        Msg::HistoryAllApps => "Toutes les apps",
        Msg::HistoryKindLabel => "Quoi :",
        Msg::HistoryAllKinds => "Tout",
        Msg::KindStatus => "Statut modifié",
        Msg::KindDelete => "Supprimée",
        Msg::KindRestore => "Remise",
        Msg::KindPush => "Envoyé au serveur",
        Msg::KindLoggedIn => "Connecté",
        Msg::KindChanged => "Modifiée",
        Msg::KindDisappeared => "Disparue",
        Msg::HistoryTimeColumn => "Heure (UTC)",
        Msg::HistoryWhatColumn => "Quoi",
        Msg::HistoryAppColumn => "App",
        Msg::HistoryDeviceColumn => "Appareil",
        Msg::HistoryStatusColumn => "Statut",
        Msg::HistoryWhoColumn => "Qui",
        Msg::HistoryOtherProgram => "serveur ou autre programme",
        Msg::HistoryEmpty => "Rien n’a encore été enregistré pour ce dossier.",
        Msg::HistoryNoneMatch => "Aucune entrée ne correspond.",
        Msg::HistorySkipped => {
            "{count} ligne(s) de l’historique n’ont pas pu être lues (coupées par un plantage, ou abîmées) et ne sont pas affichées."
        }
        Msg::HistoryError => "L’historique n’a pas pu être lu ou écrit : {error}",
        Msg::HistoryNotKept => {
            "Aucun dossier de données de l’application n’a été trouvé : aucun historique n’est tenu pour ce dossier."
        }
        Msg::HistoryExportButton => "Exporter en CSV…",
        Msg::HistoryExportHint => {
            "Enregistrer les entrées affichées dans un fichier CSV (hors du dossier des sessions)"
        }
        Msg::HistoryShown => "{shown} sur {count} entrées",
        Msg::HistoryKeptIn => "Conservé dans {path}",
        Msg::HistoryClose => "Fermer",
        Msg::SessionsTable => "Tableau des sessions",
        Msg::ColumnsRow => "Colonnes",
        Msg::ResizeColumn => "Redimensionner la colonne {column}",
        Msg::StatusOf => "Statut de {device}",
        Msg::NotifyTitle => "Un appareil attend une approbation",
        Msg::NotifyOne => "{who} attend une approbation dans {app}",
        Msg::NotifyMany => {
            "{count} appareils attendent une approbation dans {app} : {who} et {others} autres"
        }
        Msg::NotifyManyApps => {
            "{count} appareils attendent une approbation : {who} dans {app} et {others} autres"
        }
        Msg::NotificationsUnavailable => {
            "Les notifications de bureau ne peuvent pas être affichées ici ({error}) ; les appareils en attente n’apparaissent que dans cette fenêtre."
        }
        Msg::NotifyToggle => "Avertir",
        Msg::NotifyToggleHint => {
            "Afficher une notification de bureau quand un appareil attend une approbation et que cette fenêtre est en arrière-plan"
        }
        Msg::SecretInKeychain => "Le secret est gardé dans le trousseau du système ({store}).",
        Msg::SecretInFile => {
            "Aucun trousseau n’est disponible ici : le secret est gardé dans un fichier que vous seul pouvez lire ({path})."
        }
        Msg::SecretUnread => {
            "Le secret gardé dans le trousseau du système ({store}) n’a pas pu être lu ({error}) ; il y reste jusqu’à ce que vous en saisissiez un nouveau."
        }
        Msg::ErrAppGone => {
            "Le dossier d’app {app} n’est plus là (un autre programme l’a déplacé ou supprimé) ; rien n’y a été modifié."
        }
        Msg::BadgeWaitingOne => "{count} appareil attend une approbation",
        Msg::BadgeWaiting => "{count} appareils attendent une approbation",
    }
}
