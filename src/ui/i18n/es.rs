//! The window's words in Spanish.

use super::Msg;

/// The Spanish text of a message.
pub(super) fn text(msg: Msg) -> &'static str {
    match msg {
        Msg::PendingSuffix => " — {count} pendientes",
        Msg::NewSuffix => ", {count} nuevas",
        Msg::AllApps => "Todas las apps ({count})",
        Msg::AppsLabel => "Apps:",
        Msg::NoAppSession => "Ninguna sesión de aplicación",
        Msg::NoFolderOpen => "Ninguna carpeta abierta",
        Msg::Refresh => "Actualizar",
        Msg::RefreshHint => "Volver a leer toda la carpeta ({shortcut})",
        Msg::Pushing => "Enviando…",
        Msg::Push => "Enviar",
        Msg::PushHint => {
            "Pedir al servidor 4D que recargue los archivos de sesión (MOBILE APP REFRESH SESSIONS)"
        }
        Msg::PushDisabledHint => "Nada que enviar: cambie un estado o elimine una sesión primero",
        Msg::Undo => "Deshacer",
        Msg::ServerSettingsButton => "Ajustes del servidor…",
        Msg::OpenFolderButton => "Abrir carpeta…",
        Msg::SearchLabel => "Buscar:",
        Msg::SearchHint => "e-mail, dispositivo, id de dispositivo, id de sesión o IP",
        Msg::SearchTooltip => "{shortcut} para buscar, Esc para borrar",
        Msg::ShowLabel => "Mostrar:",
        Msg::ShownCount => "{count} mostradas",
        Msg::ExportButton => "Exportar…",
        Msg::ExportHint => "Guardar las sesiones mostradas, en este orden, como archivo CSV",
        Msg::SelectedCount => "{count} seleccionadas:",
        Msg::Accept => "Aceptar",
        Msg::SetPending => "Poner en espera",
        Msg::DeleteAsk => "Eliminar…",
        Msg::ClearSelection => "Quitar la selección",
        Msg::LanguageMenu => "Idioma",
        Msg::LanguageSystem => "Sistema ({language})",
        Msg::LanguageMenuHint => "El idioma de la ventana",
        Msg::FilterAll => "Todas",
        Msg::FilterPending => "Pendientes",
        Msg::FilterAccepted => "Aceptadas",
        Msg::FilterProblems => "Problemas",
        Msg::Dismiss => "Ocultar",
        Msg::FolderHint => "La carpeta MobileApps",
        Msg::SessionsOne => "{count} sesión",
        Msg::SessionsMany => "{count} sesiones",
        Msg::PendingCount => "{count} pendientes",
        Msg::ProblemsOne => "{count} problema",
        Msg::ProblemsMany => "{count} problemas",
        Msg::ProblemsHint => "Mostrar los archivos que 4D rechazaría",
        Msg::ReadingProgress => "leyendo {read} de {total} archivos…",
        Msg::ReadAt => "leída a las {time}",
        Msg::WatchLive => "en directo",
        Msg::WatchEvery => "cada {seconds} s",
        Msg::WatchOff => "desactivada",
        Msg::WatchLabel => "Vigilancia:",
        Msg::WatchLiveChoice => "en directo (notificaciones del sistema)",
        Msg::WatchPollChoice => "cada 2 s (carpetas de red)",
        Msg::WatchPollHint => {
            "Las carpetas compartidas SMB y NFS no envían avisos de cambios: revisar los archivos cada 2 segundos"
        }
        Msg::FolderGone => "La carpeta ha desaparecido; esperando a que vuelva.",
        Msg::PollingNote => "revisando la carpeta cada {seconds} s",
        Msg::AppName => "Mobile Sessions",
        Msg::WelcomeTagline => "Vea, acepte y elimine las sesiones de sus apps móviles 4D.",
        Msg::OpenMobileAppsFolder => "Abrir la carpeta MobileApps…",
        Msg::OpenDemo => "Abrir la demo",
        Msg::WelcomeWhere => {
            "4D guarda la carpeta MobileApps junto al archivo de datos del servidor, p. ej. MiProyecto/Data/MobileApps. También puede elegir la carpeta de datos o la del proyecto, o soltar cualquiera de ellas en esta ventana."
        }
        Msg::RecentFolders => "Carpetas recientes",
        Msg::Opening => "Abriendo {folder} …",
        Msg::DeleteOneTitle => "¿Eliminar esta sesión?",
        Msg::FileNamed => "archivo {id}",
        Msg::Guest => "invitado",
        Msg::WhoWithEmail => "{device} ({email})",
        Msg::DeleteOneBody => {
            "Se eliminará la sesión de {who}. El dispositivo tendrá que iniciar sesión de nuevo, y el servidor 4D la olvida en cuanto usted envíe los cambios."
        }
        Msg::DeleteGone => {
            "Esta sesión se eliminó del disco mientras tanto; no queda nada que eliminar."
        }
        Msg::DeleteChanged => {
            "Esta sesión cambió en el disco desde que lo pidió; cierre esto y vuelva a mirarla."
        }
        Msg::Delete => "Eliminar",
        Msg::Close => "Cerrar",
        Msg::Cancel => "Cancelar",
        Msg::DeleteManyTitle => "¿Eliminar {count} sesiones?",
        Msg::DeleteManyBody => "Estos dispositivos tendrán que iniciar sesión de nuevo:",
        Msg::AndMore => "y {count} más.",
        Msg::DeleteCount => "Eliminar {count}",
        Msg::ProblemsTitle => "Problemas",
        Msg::ProblemsIntro => {
            "4D descarta estas sesiones al recargar los archivos: sus dispositivos quedan desconectados."
        }
        Msg::CodeWithMobi => "{code} (error 4D mobi {mobi})",
        Msg::AppFolderItself => "(carpeta de la app)",
        Msg::DeleteFileHint => "Eliminar este archivo (pregunta antes)",
        Msg::ShowOnDisk => "Mostrar en el disco…",
        Msg::ExplainLocation => {
            "El archivo no está donde su contenido dice: 4D lo espera en la carpeta de su app (id de equipo e id de bundle), con el id de sesión como nombre."
        }
        Msg::ExplainSyntax => "El archivo no es un JSON bien formado, así que 4D no puede leerlo.",
        Msg::ExplainSchema => {
            "Falta un campo que 4D exige o tiene un tipo incorrecto, o el estado no es ni accepted ni pending."
        }
        Msg::ExplainToken => {
            "El token de conexión no corresponde a la app, la sesión y el equipo de este archivo, así que 4D rechaza la sesión."
        }
        Msg::ExplainUnsafe => {
            "El archivo es un enlace simbólico o llevaría fuera de la carpeta; esta app no lo toca."
        }
        Msg::ExplainUnreadable => {
            "No se puede leer el archivo: sin permiso, texto que no es UTF-8, o más de 1 MiB."
        }
        Msg::ServerSettingsTitle => "Ajustes del servidor",
        Msg::SettingsIntro => {
            "Para enviar, la app necesita saber dónde escucha su servidor 4D. Configúrelo una vez; se guarda para esta carpeta."
        }
        Msg::ServerUrl => "URL del servidor",
        Msg::Secret => "Secreto",
        Msg::TestConnection => "Probar la conexión",
        Msg::OnTheServer => "En el servidor 4D",
        Msg::ServerHowTo => {
            "Cree este método proyecto, marque \"Etiquetas 4D y URLs (4DACTION)\" en sus propiedades y asegúrese de que el servidor web esté en marcha. El secreto de arriba debe coincidir con el del código."
        }
        Msg::FourDCode => "Código 4D",
        Msg::CopyCode => "Copiar el código",
        Msg::SaveAndPush => "Guardar y enviar",
        Msg::Save => "Guardar",
        Msg::ConnectionToken => "Token de conexión",
        Msg::NoToken => "El archivo no tiene token.",
        Msg::AppId => "Id de app",
        Msg::SessionId => "Id de sesión",
        Msg::TeamId => "Id de equipo",
        Msg::TokenMismatch => "No corresponde al archivo (vea Problemas).",
        Msg::TokenMatches => "Corresponde al archivo.",
        Msg::Details => "Detalles",
        Msg::NoLongerOnDisk => "Esta sesión ya no está en el disco.",
        Msg::Yes => "sí",
        Msg::No => "no",
        Msg::GroupApp => "App",
        Msg::Name => "Nombre",
        Msg::BundleId => "Id de bundle",
        Msg::Version => "Versión",
        Msg::Team => "Equipo",
        Msg::Folder => "Carpeta",
        Msg::GroupDevice => "Dispositivo",
        Msg::Device => "Dispositivo",
        Msg::Os => "SO",
        Msg::OsVersion => "Versión del SO",
        Msg::DeviceId => "Id de dispositivo",
        Msg::Simulator => "Simulador",
        Msg::GroupUser => "Usuario",
        Msg::Email => "E-mail",
        Msg::Language => "Idioma",
        Msg::GroupSession => "Sesión",
        Msg::Status => "Estado",
        Msg::Ip => "IP",
        Msg::CustomParameters => "Parámetros personalizados",
        Msg::NoProblems => "Ninguno: 4D conservará esta sesión al recargar los archivos.",
        Msg::File => "Archivo",
        Msg::CopyJson => "Copiar el JSON",
        Msg::RawJson => "JSON sin procesar",
        Msg::SortedAscending => "Ordenado por {column}, de la A a la Z; haga clic para invertir",
        Msg::SortedDescending => "Ordenado por {column}, de la Z a la A; haga clic para invertir",
        Msg::SortBy => "Ordenar por {column}",
        Msg::Columns => "Columnas",
        Msg::NoAppSessionInFolder => "No hay ninguna sesión de aplicación en esta carpeta.",
        Msg::App => "App",
        Msg::UnreadableFile => "Archivo ilegible {id}",
        Msg::Problem => "problema",
        Msg::CannotEditHint => {
            "Este archivo no se puede editar; vea Problemas en la barra de estado."
        }
        Msg::New => "NUEVA",
        Msg::NewHint => "Este dispositivo inició sesión con la ventana abierta",
        Msg::StatusNone => "ninguno",
        Msg::GuestInTable => "(invitado)",
        Msg::Unknown => "desconocido",
        Msg::Session => "Sesión",
        Msg::JustNow => "ahora mismo",
        Msg::MinutesAgo => "hace {count} min",
        Msg::HoursAgo => "hace {count} h",
        Msg::DaysAgo => "hace {count} días",
        Msg::SimulatorValue => "simulador",
        Msg::DeviceValue => "dispositivo",
        Msg::AppVersion => "Versión de la app",
        Msg::LastChange => "Último cambio",
        Msg::ErrNoMobileApps => {
            "{path} no contiene ninguna carpeta MobileApps. Elija la propia carpeta MobileApps, la carpeta de datos que la contiene, el archivo de datos (*.4DD) que está a su lado o la carpeta del proyecto 4D (4D la guarda en Data/MobileApps, junto al archivo de datos)."
        }
        Msg::ErrNotFound => "{path} no existe; compruebe la ruta e inténtelo de nuevo.",
        Msg::ErrUnknownApp => {
            "Ninguna carpeta de app corresponde a {app}; las apps son: {candidates}."
        }
        Msg::ErrAmbiguousApp => {
            "{app} corresponde a varias carpetas de app ({candidates}); elija el nombre completo de la carpeta."
        }
        Msg::ErrUnknownSession => {
            "La app {app} ya no tiene la sesión {id}; actualice para ver las sesiones actuales."
        }
        Msg::ErrUnsafe => "No es seguro tocar {path} ({reason}); se ha dejado como estaba.",
        Msg::ErrMalformed => {
            "{path} no es un archivo de sesión bien formado ({reason}); corríjalo o elimínelo a mano, se ha dejado como estaba."
        }
        Msg::ErrUnreadable => "No se puede leer {path}: {reason}.",
        Msg::ErrReadOnly => {
            "{path} es de solo lectura; hágalo editable primero si quiere cambiarlo."
        }
        Msg::ErrInvalidStatus => "{status} no es un estado de sesión; use accepted o pending.",
        Msg::ErrBusy => {
            "{path} siguió cambiando mientras se editaba; inténtelo de nuevo en un momento."
        }
        Msg::ErrIo => "No se pudo {action} {path}: {reason}.",
        Msg::ActionListing => "listar",
        Msg::ActionReading => "leer",
        Msg::ActionWriting => "escribir",
        Msg::ActionDeleting => "eliminar",
        Msg::ActionRestoring => "restaurar",
        Msg::None => "ninguna",
        Msg::PushNoUrl => {
            "No hay URL de servidor para esta carpeta; configúrela en Ajustes del servidor."
        }
        Msg::PushBadUrl => "{url} no es una URL http:// o https://.",
        Msg::PushRefused => "El servidor respondió {status}{body}; {hint}.",
        Msg::PushUnreachable => {
            "No se pudo contactar con {url}: {reason}; compruebe que el servidor web de 4D esté en marcha y que la URL sea correcta."
        }
        Msg::HintSecret => "compruebe el secreto: debe ser el que compara el método 4D",
        Msg::HintNotFound => {
            "compruebe la URL: el método 4D debe existir y estar disponible mediante 4DACTION (o REST)"
        }
        Msg::HintServerError => "el método 4D falló; consulte el registro del servidor",
        Msg::HintOther => "compruebe la URL y el método 4D",
        Msg::UndoStatus => "Volver a poner el estado {status}",
        Msg::UndoDelete => "Restaurar el archivo de sesión eliminado",
        Msg::UndoBatch => "Deshacer los últimos {count} cambios",
        Msg::FolderRead => "Se leyó toda la carpeta.",
        Msg::ServerReloaded => "El servidor recargó las sesiones (HTTP {status}).",
        Msg::PushFailed => "El envío falló: {error}",
        Msg::DemoCopyFailed => "No se pudo copiar la carpeta de demostración: {error}.",
        Msg::PickFolderTitle => "Abrir una carpeta MobileApps",
        Msg::StatusSet => "Estado cambiado a {status}.",
        Msg::MovedToTrash => {
            "La sesión se movió a la papelera; el dispositivo tendrá que iniciar sesión de nuevo."
        }
        Msg::FileRemoved => {
            "Se eliminó el archivo de sesión; el dispositivo tendrá que iniciar sesión de nuevo."
        }
        Msg::Copied => "Copiado.",
        Msg::Revealing => "Mostrando {path} en el gestor de archivos.",
        Msg::RevealFailed => "No se pudo mostrar {path} en el gestor de archivos: {error}.",
        Msg::ReadingAgain => "Volviendo a leer toda la carpeta…",
        Msg::NoSettingsFolder => "este sistema no tiene carpeta para los ajustes de las apps",
        Msg::SettingsNotSaved => "No se pudieron guardar los ajustes del servidor: {error}.",
        Msg::SettingsSaved => "Ajustes del servidor guardados.",
        Msg::ExportTitle => "Exportar las sesiones mostradas",
        Msg::Exported => "{count} sesiones exportadas a {path}.",
        Msg::CouldNotWrite => "No se pudo escribir {path}: {error}.",
        Msg::Undone => "Deshecho: {what}.",
        Msg::CouldNotUndo => "No se pudo deshacer: {error}",
        Msg::DeviceAndFile => "{device} (archivo {id})",
        Msg::BulkSet => "{sessions} cambiadas a {status}",
        Msg::BulkDeleted => "{sessions} eliminadas",
        Msg::BulkDeletedTail => "; esos dispositivos tendrán que iniciar sesión de nuevo.",
        Msg::BulkFailures => "{done}; {count} no se pudieron cambiar: {failures}{more}.",
        Msg::AndMoreInline => " y {count} más",
        Msg::WindowTitleWaiting => "Mobile Sessions — {folder} — {count} nuevas en espera",
        Msg::WindowTitleFolder => "Mobile Sessions — {folder}",
        Msg::PendingSuffixOne => " — {count} pendiente",
        Msg::NewSuffixOne => ", {count} nueva",
        Msg::PendingCountOne => "{count} pendiente",
        Msg::ShownCountOne => "{count} mostrada",
        Msg::WindowTitleWaitingOne => "Mobile Sessions — {folder} — {count} nueva en espera",
        Msg::ExportedOne => "{count} sesión exportada a {path}.",
        Msg::DaysAgoOne => "hace {count} día",
        Msg::StatusSetFor => "{device}: estado cambiado a {status}.",
        Msg::StatusAlreadyFor => "{device} ya tiene el estado {status}; no se escribió nada.",
        Msg::WriteFailedFor => "{device}: {error}",
        Msg::NotApplicableNoStatus => {
            "{device} no es una sesión que 4D pueda leer, así que no tiene estado que cambiar; sus problemas figuran en el panel de detalles."
        }
        Msg::NotApplicableUnsafe => {
            "{device} es un enlace simbólico o no es seguro tocarlo; nunca se cambia ni se elimina desde aquí."
        }
        Msg::ShortNoStatus => "no es una sesión que 4D pueda leer",
        Msg::ShortUnsafe => "un enlace simbólico, nunca se cambia",
        Msg::DeletedToTrashFor => {
            "{device}: el archivo de sesión se movió a la papelera; el dispositivo tendrá que volver a iniciar sesión."
        }
        Msg::DeletedRemovedFor => {
            "{device}: el archivo de sesión se eliminó (esta carpeta no tiene papelera); el dispositivo tendrá que volver a iniciar sesión."
        }
        Msg::StepStatusBack => "devolver {device} a {status}",
        Msg::StepStatusOut => "restaurar el archivo de {device} tal como estaba, sin estado",
        Msg::StepDelete => "restaurar la sesión eliminada de {device}",
        Msg::StepBatchSet => "deshacer el cambio de estado de {count} sesiones",
        Msg::StepBatchDelete => "restaurar {count} sesiones eliminadas",
        Msg::UndoTooltip => "Deshacer: {what}",
        Msg::UndoFailedStep => "No se pudo deshacer ({what}): {error}",
        Msg::NothingToUndo => "No hay nada que deshacer.",
        Msg::RevealAsking => "Pidiendo al gestor de archivos que muestre {path}…",
        Msg::Revealed => "Mostrado en el gestor de archivos: {path}.",
        Msg::RevealNoAnswer => {
            "Ningún gestor de archivos respondió, así que no se pudo mostrar {path} ({error}). Use Copiar ruta para abrirlo usted mismo."
        }
        Msg::CopyPath => "Copiar ruta",
        Msg::NoDialogOpen => {
            "En este sistema no se puede mostrar un diálogo de carpetas; escriba o pegue la ruta de la carpeta."
        }
        Msg::NoDialogExport => {
            "En este sistema no se puede mostrar un diálogo para guardar; escriba o pegue la ruta del archivo CSV."
        }
        Msg::PathOpenTitle => "Abrir una carpeta",
        Msg::PathExportTitle => "Exportar a un archivo CSV",
        Msg::PathLabel => "Ruta:",
        Msg::PathOpenHint => {
            "la carpeta MobileApps, la carpeta de datos, un archivo .4DD o la carpeta del proyecto"
        }
        Msg::PathExportHint => "el archivo CSV que se escribirá, p. ej. /home/yo/sessions.csv",
        Msg::OpenButton => "Abrir",
        Msg::SaveButton => "Guardar",
        Msg::ReadAtHint => "Cuándo se leyó la carpeta entera o se vio el último cambio en ella",
        Msg::DeleteNotOffered => {
            "Un enlace simbólico o archivo no seguro nunca se elimina desde aquí"
        }
        Msg::MoreMenu => "Más",
        Msg::MoreMenuHint => "Órdenes que no caben en la ventana",
        Msg::ErrChangedSince => {
            "{path} cambió en el disco desde que esta aplicación lo escribió (el servidor u otro programa lo volvió a escribir), así que se dejó como está."
        }
        Msg::PushRedirected => {
            "El servidor respondió HTTP {status} y remite a {location}; Enviar no sigue redirecciones, así que no se recargó nada: ponga la URL final en Ajustes del servidor."
        }
        Msg::PushNoLocation => "ninguna dirección",
        Msg::PushConnectionRefused => {
            "{server} rechazó la conexión: nada escucha en ese puerto. Compruebe que el servidor web de 4D esté iniciado y que el puerto de la URL sea correcto."
        }
        Msg::PushTimedOut => {
            "{server} no respondió en {seconds} s. Compruebe el nombre y el puerto del servidor, y que ningún cortafuegos bloquee la conexión."
        }
        Msg::PushHostNotFound => {
            "No se encontró el nombre de servidor {host}. Compruebe cómo está escrito en la URL y la conexión de red de este equipo."
        }
        Msg::PushNoRoute => {
            "{server} no es accesible desde la red de este equipo (sin ruta). Compruebe la dirección y la conexión de red."
        }
        Msg::PushCertificate => {
            "Se rechazó el certificado de {server}: {reason}. Dé al servidor web de 4D un certificado en el que este equipo confíe, emitido para el nombre de la URL."
        }
        Msg::PushSecureFailed => {
            "No se pudo establecer una conexión segura (https) con {server} ({reason}). Compruebe que el puerto sirva https, o use http:// para un servidor sin certificado."
        }
        Msg::PushNotAnswered => {
            "{server} cerró la conexión o no respondió en HTTP ({reason}). Compruebe que el esquema (http o https) y el puerto de la URL sean los del servidor web de 4D."
        }
        Msg::PushTestNotRecognised => {
            "El servidor respondió HTTP {status} pero no reconoció la prueba: su método 4D es una versión antigua, que recarga las sesiones en cada petición. Pegue el método actual que se muestra abajo."
        }
        Msg::ServerTestOk => {
            "El servidor respondió a la prueba (HTTP {status}): la URL y el secreto funcionan. No se recargó nada."
        }
        Msg::CertUnknownIssuer => {
            "no lo firma una autoridad en la que este equipo confíe (¿autofirmado?)"
        }
        Msg::CertOtherName => "está emitido para otro nombre",
        Msg::CertExpired => "ha caducado",
        Msg::CertNotValidYet => "todavía no es válido",
        Msg::CertRevoked => "fue revocado",
        Msg::ErrNotWritable => {
            "No puede escribir {path} usted mismo (pertenece a otro usuario o sus permisos lo impiden), así que se dejó como está."
        }
        Msg::ErrCannotKeepOwner => {
            "{path} pertenece al usuario {owner} y al grupo {group}, que este usuario no puede dar a un archivo nuevo, así que se dejó como está; ejecute la aplicación como ese usuario o como root."
        }
        Msg::ErrFolderNotWritable => {
            "No se puede escribir en {path} (es de solo lectura o no es suyo); no se cambió nada."
        }
        Msg::ErrHeld => {
            "4D u otro programa tiene abierto {path}; inténtelo de nuevo en un momento."
        }
        Msg::ErrNoTrash => "No hay papelera para {path}; se dejó como está.",
        Msg::ErrTrashFailed => {
            "No se pudo mover {path} a la papelera ({reason}); no se eliminó nada."
        }
        Msg::DeleteForGoodTitle => "No hay papelera",
        Msg::DeleteForGoodBody => {
            "El disco de esta carpeta no tiene papelera: eliminar {count} archivo(s) de sesión los borra definitivamente. Solo Deshacer en esta ventana puede recuperarlos, hasta que se cierre."
        }
        Msg::DeleteForGoodButton => "Eliminar definitivamente",
        Msg::ErrNothingToRestore => {
            "No se puede restaurar {path}: su contenido no se pudo leer al eliminarlo; búsquelo en la papelera del sistema."
        }
        Msg::UnsafeFile => "Archivo no seguro {id}",
        Msg::ExportInsideFolder => {
            "{path} está dentro de la carpeta de sesiones, donde podría reemplazar un archivo de sesión; elija un lugar fuera de ella."
        }
        Msg::ExportExists => {
            "{path} ya existe y se dejó como está; escriba otro nombre de archivo."
        }
        Msg::UndoPartly => {
            "Se deshicieron {count} cambios, pero no se pudo deshacer ({what}): {error}"
        }
        Msg::HistoryButton => "Historial",
        Msg::HistoryHint => "Qué cambió en esta carpeta, cuándo y quién lo cambió",
        Msg::HistoryTitle => "Historial",
        Msg::HistorySearchLabel => "Buscar:",
        Msg::HistorySearchHint => "dispositivo, correo, usuario…",
        Msg::HistoryAppLabel => "App:",
        Msg::HistoryAllApps => "Todas las apps",
        Msg::HistoryKindLabel => "Qué:",
        Msg::HistoryAllKinds => "Todo",
        Msg::KindStatus => "Estado cambiado",
        Msg::KindDelete => "Eliminada",
        Msg::KindRestore => "Restaurada",
        Msg::KindPush => "Enviado al servidor",
        Msg::KindLoggedIn => "Conectado",
        Msg::KindChanged => "Modificada",
        Msg::KindDisappeared => "Desaparecida",
        Msg::HistoryTimeColumn => "Hora (UTC)",
        Msg::HistoryWhatColumn => "Qué",
        Msg::HistoryAppColumn => "App",
        Msg::HistoryDeviceColumn => "Dispositivo",
        Msg::HistoryStatusColumn => "Estado",
        Msg::HistoryWhoColumn => "Quién",
        Msg::HistoryOtherProgram => "servidor u otro programa",
        Msg::HistoryEmpty => "Todavía no se registró nada para esta carpeta.",
        Msg::HistoryNoneMatch => "Ninguna entrada coincide.",
        Msg::HistorySkipped => {
            "{count} línea(s) del historial no se pudieron leer (cortadas por un fallo o dañadas) y no se muestran."
        }
        Msg::HistoryError => "No se pudo leer o escribir el historial: {error}",
        Msg::HistoryNotKept => {
            "No se encontró ninguna carpeta de datos de la aplicación, así que no se guarda historial de esta carpeta."
        }
        Msg::HistoryExportButton => "Exportar CSV…",
        Msg::HistoryExportHint => {
            "Guardar las entradas mostradas en un archivo CSV (fuera de la carpeta de sesiones)"
        }
        Msg::HistoryShown => "{shown} de {count} entradas",
        Msg::HistoryKeptIn => "Guardado en {path}",
        Msg::HistoryClose => "Cerrar",
        Msg::SessionsTable => "Sesiones",
        Msg::ColumnsRow => "Columnas",
        Msg::ResizeColumn => "Cambiar el ancho de la columna {column}",
        Msg::StatusOf => "Estado de {device}",
        Msg::NotifyTitle => "Un dispositivo espera aprobación",
        Msg::NotifyOne => "{who} espera aprobación en {app}",
        Msg::NotifyMany => "{count} dispositivos esperan aprobación en {app}: {who} y {others} más",
        Msg::NotifyManyApps => {
            "{count} dispositivos esperan aprobación: {who} en {app} y {others} más"
        }
        Msg::NotificationsUnavailable => {
            "Aquí no se pueden mostrar notificaciones de escritorio ({error}); los dispositivos en espera solo aparecen en esta ventana."
        }
        Msg::NotifyToggle => "Avisar",
        Msg::NotifyToggleHint => {
            "Mostrar una notificación de escritorio cuando un dispositivo espera aprobación y esta ventana está en segundo plano"
        }
        Msg::SecretInKeychain => "El secreto se guarda en el llavero del sistema ({store}).",
        Msg::SecretInFile => {
            "Aquí no hay llavero: el secreto se guarda en un archivo que solo usted puede leer ({path})."
        }
        Msg::SecretUnread => {
            "No se pudo leer el secreto guardado en el llavero del sistema ({store}) ({error}); queda allí hasta que escriba uno nuevo."
        }
        Msg::ErrAppGone => {
            "La carpeta de la app {app} ya no está (otro programa la movió o la borró); no se cambió nada en ella."
        }
        Msg::BadgeWaitingOne => "{count} dispositivo espera aprobación",
        Msg::BadgeWaiting => "{count} dispositivos esperan aprobación",
    }
}
