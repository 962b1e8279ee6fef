import type { Strings } from './en.js';

/** The interface in German, addressing the reader as Sie. Whole sentences only, as in en.ts. */
export const de: Strings = {
  languageName: 'Deutsch',
  language: 'Sprache',
  fallbackTitle: 'Erstellen Sie Ihr Profilbild',
  pageDescription: 'Erstellen Sie Ihr Profilbild für die Kampagne im Browser. Ihr Foto verlässt nie Ihr Gerät.',
  previewAlt: 'Beispiel für das Profilbild der Kampagne',
  choosePhoto: 'Foto auswählen',
  chooseHint: 'Oder ziehen Sie ein Foto auf die Vorschau oder fügen Sie eins ein.',
  stageEmpty: 'Vorschau des Profilbilds. Wählen Sie zuerst ein Foto aus.',
  stageReady: 'Vorschau des Profilbilds. Ziehen Sie das Foto oder verschieben Sie es mit den Pfeiltasten; Plus- und Minustaste zoomen.',
  adjustHint: 'Ziehen Sie das Foto an die richtige Stelle; zoomen Sie mit zwei Fingern oder mit dem Regler. Tastatur: Pfeiltasten verschieben, + und − zoomen.',
  zoom: 'Zoom',
  rotate: 'Um 90° drehen',
  download: 'Herunterladen',
  share: 'Teilen',
  opening: 'Foto wird geöffnet …',
  privacy: 'Ihr Foto verlässt nie Ihr Gerät. Alles geschieht in dieser Seite; nichts wird hochgeladen.',
  cannotOpen: 'Dieser Browser kann das Foto nicht öffnen. Ist es ein iPhone-Foto (HEIC), exportieren Sie es als JPEG und wählen Sie es dann erneut aus.',
  damaged: 'Dieses Foto ist beschädigt oder unvollständig. Öffnen Sie es in Ihrer Foto-App, exportieren Sie es als JPEG und wählen Sie es dann erneut aus.',
  notAPhoto: 'Diese Datei ist kein Foto. Wählen Sie ein JPEG-, PNG- oder WebP-Bild aus.',
  tooLarge: 'Diese Datei ist größer als 64 MB, viel größer als ein Foto. Wählen Sie ein Foto aus oder exportieren Sie dieses als JPEG.',
  cannotShare: 'Teilen hat nicht funktioniert. Verwenden Sie stattdessen „Herunterladen“.',
  cannotSave: 'Das Profilbild konnte nicht erstellt werden. Versuchen Sie es erneut oder mit einem anderen Foto.',
  saved: 'Gespeichert als {file}.',
  savedIos: 'Als {file} in der App „Dateien“ gespeichert. Um es in „Fotos“ zu übernehmen, öffnen Sie es dort und tippen Sie auf „Teilen“ und dann auf „Bild sichern“.',
  shareAgain: 'Das Bild war noch nicht fertig. Tippen Sie noch einmal auf „Teilen“.',
  remind: 'Ans Zurückwechseln erinnern',
  reminderTitle: 'Wieder Ihr gewohntes Profilbild einsetzen',
  reminderText: 'Die Kampagne ist vorbei: Zeit, wieder Ihr gewohntes Profilbild einzusetzen.',
  reminderSaved: 'Erinnerung als {file} gespeichert. Öffnen Sie die Datei, um sie in Ihren Kalender zu übernehmen.',
  noscript:
    'Diese Seite braucht JavaScript, um Ihr Profilbild zu erstellen. Auf iPhone und iPad läuft es nicht in einer Seite, die aus einer Datei geöffnet wurde: Öffnen Sie die Seite stattdessen über ihre Webadresse (fragen Sie die Person, die sie Ihnen geschickt hat). Auf anderen Geräten schalten Sie JavaScript für diese Seite ein. Ihr Foto verlässt nie Ihr Gerät.',
  noscriptAt:
    'Diese Seite braucht JavaScript, um Ihr Profilbild zu erstellen. Auf iPhone und iPad läuft es nicht in einer Seite, die aus einer Datei geöffnet wurde: Öffnen Sie die Seite stattdessen über ihre Webadresse, {url}. Auf anderen Geräten schalten Sie JavaScript für diese Seite ein. Ihr Foto verlässt nie Ihr Gerät.',
};
