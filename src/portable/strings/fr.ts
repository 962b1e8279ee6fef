import type { Strings } from './en.js';

/** The interface in French. Whole sentences only, as in en.ts; French spacing before ; : and inside « ». */
export const fr: Strings = {
  languageName: 'Français',
  language: 'Langue',
  fallbackTitle: 'Créez votre photo de profil',
  pageDescription: 'Créez votre photo de profil pour la campagne dans votre navigateur. Votre photo ne quitte jamais votre appareil.',
  previewAlt: 'Exemple de photo de profil de la campagne',
  choosePhoto: 'Choisir une photo',
  chooseHint: 'Ou déposez une photo sur l’aperçu, ou collez-la.',
  stageEmpty: 'Aperçu de la photo de profil. Choisissez d’abord une photo.',
  stageReady: 'Aperçu de la photo de profil. Faites glisser la photo ou utilisez les flèches pour la déplacer\u202f; les touches plus et moins zooment.',
  adjustHint: 'Faites glisser la photo pour la placer\u202f; pincez ou utilisez le curseur pour zoomer. Au clavier\u00a0: les flèches la déplacent, + et − zooment.',
  zoom: 'Zoom',
  rotate: 'Pivoter d’un quart de tour',
  download: 'Télécharger',
  share: 'Partager',
  opening: 'Ouverture de la photo…',
  privacy: 'Votre photo ne quitte jamais votre appareil. Tout se passe dans cette page\u202f; rien n’est envoyé.',
  cannotOpen: 'Ce navigateur ne peut pas ouvrir cette photo. Si c’est une photo d’iPhone (HEIC), exportez-la en JPEG, puis choisissez-la de nouveau.',
  damaged: 'Cette photo est abîmée ou incomplète. Ouvrez-la dans votre app Photos, exportez-la en JPEG, puis choisissez-la de nouveau.',
  notAPhoto: 'Ce fichier n’est pas une photo. Choisissez une image JPEG, PNG ou WebP.',
  tooLarge: 'Ce fichier dépasse 64 Mo, bien plus qu’une photo. Choisissez une photo, ou exportez celle-ci en JPEG.',
  cannotShare: 'Le partage n’a pas fonctionné. Utilisez plutôt «\u00a0Télécharger\u00a0».',
  cannotSave: 'La photo de profil n’a pas pu être créée. Réessayez, ou essayez une autre photo.',
  saved: 'Enregistrée sous le nom {file}.',
  savedIos: 'Enregistrée sous le nom {file} dans l’app Fichiers. Pour la mettre dans Photos, ouvrez-la là-bas, touchez Partager, puis Enregistrer l’image.',
  shareAgain: 'La photo n’était pas encore prête. Touchez de nouveau Partager.',
  remind: 'Me rappeler de remettre ma photo',
  reminderTitle: 'Remettez votre photo de profil habituelle',
  reminderText: 'La campagne est terminée\u00a0: il est temps de remettre votre photo de profil habituelle.',
  reminderSaved: 'Rappel enregistré sous le nom {file}. Ouvrez-le pour l’ajouter à votre agenda.',
  noscript:
    'Cette page a besoin de JavaScript pour créer votre photo de profil. Sur iPhone et iPad, une page ouverte depuis un fichier ne peut pas l’exécuter\u00a0: ouvrez la page depuis son adresse web (demandez-la à la personne qui vous l’a envoyée). Ailleurs, activez JavaScript pour cette page. Votre photo ne quitte jamais votre appareil.',
  noscriptAt:
    'Cette page a besoin de JavaScript pour créer votre photo de profil. Sur iPhone et iPad, une page ouverte depuis un fichier ne peut pas l’exécuter\u00a0: ouvrez la page depuis son adresse web, {url}. Ailleurs, activez JavaScript pour cette page. Votre photo ne quitte jamais votre appareil.',
};
