import type { Strings } from './en.js';

/** The interface in Spanish, addressing the reader as tú. Whole sentences only, as in en.ts. */
export const es: Strings = {
  languageName: 'Español',
  language: 'Idioma',
  fallbackTitle: 'Crea tu foto de perfil',
  pageDescription: 'Crea tu foto de perfil de la campaña en tu navegador. Tu foto nunca sale de tu dispositivo.',
  previewAlt: 'Ejemplo de la foto de perfil de la campaña',
  choosePhoto: 'Elegir una foto',
  chooseHint: 'O suelta una foto sobre la vista previa, o pégala.',
  stageEmpty: 'Vista previa de la foto de perfil. Primero elige una foto.',
  stageReady: 'Vista previa de la foto de perfil. Arrastra la foto o usa las flechas del teclado para moverla; las teclas más y menos acercan y alejan.',
  adjustHint: 'Arrastra la foto para colocarla; pellizca o usa el control deslizante para acercarla. Con el teclado: las flechas la mueven, + y − acercan y alejan.',
  zoom: 'Zoom',
  rotate: 'Girar un cuarto de vuelta',
  download: 'Descargar',
  share: 'Compartir',
  opening: 'Abriendo la foto…',
  privacy: 'Tu foto nunca sale de tu dispositivo. Todo ocurre en esta página; no se sube nada.',
  cannotOpen: 'Este navegador no puede abrir esta foto. Si es una foto de iPhone (HEIC), expórtala como JPEG y vuelve a elegirla.',
  damaged: 'Esta foto está dañada o incompleta. Ábrela en tu app de fotos, expórtala como JPEG y vuelve a elegirla.',
  notAPhoto: 'Este archivo no es una foto. Elige una imagen JPEG, PNG o WebP.',
  tooLarge: 'Este archivo pesa más de 64 MB, mucho más que una foto. Elige una foto, o exporta esta como JPEG.',
  cannotShare: 'No se pudo compartir. Usa «Descargar» en su lugar.',
  cannotSave: 'No se pudo crear la foto de perfil. Vuelve a intentarlo o prueba con otra foto.',
  saved: 'Guardada como {file}.',
  savedIos: 'Guardada como {file} en la app Archivos. Para pasarla a Fotos, ábrela allí, toca Compartir y luego Guardar imagen.',
  shareAgain: 'La foto aún no estaba lista. Vuelve a tocar Compartir.',
  remind: 'Recordarme volver a cambiarla',
  reminderTitle: 'Vuelve a poner tu foto de perfil de siempre',
  reminderText: 'La campaña ha terminado: es hora de volver a poner tu foto de perfil de siempre.',
  reminderSaved: 'Recordatorio guardado como {file}. Ábrelo para añadirlo a tu calendario.',
  noscript:
    'Esta página necesita JavaScript para crear tu foto de perfil. En iPhone y iPad, una página abierta desde un archivo no puede ejecutarlo: abre la página desde su dirección web (pídesela a quien te la envió). En otros dispositivos, activa JavaScript para esta página. Tu foto nunca sale de tu dispositivo.',
  noscriptAt:
    'Esta página necesita JavaScript para crear tu foto de perfil. En iPhone y iPad, una página abierta desde un archivo no puede ejecutarlo: abre la página desde su dirección web, {url}. En otros dispositivos, activa JavaScript para esta página. Tu foto nunca sale de tu dispositivo.',
};
