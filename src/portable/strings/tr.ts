import type { Strings } from './en.js';

/** The interface in Turkish, in the polite form (-in) that Turkish interfaces use. Whole sentences only, as in en.ts. */
export const tr: Strings = {
  languageName: 'Türkçe',
  language: 'Dil',
  fallbackTitle: 'Profil fotoğrafınızı hazırlayın',
  pageDescription: 'Kampanya profil fotoğrafınızı tarayıcınızda hazırlayın. Fotoğrafınız cihazınızdan hiç çıkmaz.',
  previewAlt: 'Kampanya profil fotoğrafından bir örnek',
  choosePhoto: 'Fotoğraf seçin',
  chooseHint: 'Ya da bir fotoğrafı önizlemenin üzerine bırakın veya yapıştırın.',
  stageEmpty: 'Profil fotoğrafı önizlemesi. Önce bir fotoğraf seçin.',
  stageReady: 'Profil fotoğrafı önizlemesi. Fotoğrafı taşımak için sürükleyin ya da ok tuşlarını kullanın; artı ve eksi tuşları yakınlaştırır ve uzaklaştırır.',
  adjustHint: 'Fotoğrafı yerleştirmek için sürükleyin; yakınlaştırmak için iki parmağınızı açın ya da kaydırıcıyı kullanın. Klavyede oklar taşır, + ve − yakınlaştırır.',
  zoom: 'Yakınlaştırma',
  rotate: 'Çeyrek tur döndür',
  download: 'İndir',
  share: 'Paylaş',
  opening: 'Fotoğraf açılıyor…',
  privacy: 'Fotoğrafınız cihazınızdan hiç çıkmaz. Her şey bu sayfanın içinde olur; hiçbir şey yüklenmez.',
  cannotOpen: 'Bu tarayıcı bu fotoğrafı açamıyor. Bir iPhone fotoğrafıysa (HEIC) JPEG olarak dışa aktarın, sonra yeniden seçin.',
  damaged: 'Bu fotoğraf bozuk ya da eksik. Fotoğraf uygulamanızda açıp JPEG olarak dışa aktarın, sonra yeniden seçin.',
  notAPhoto: 'Bu dosya bir fotoğraf değil. JPEG, PNG ya da WebP biçiminde bir görüntü seçin.',
  tooLarge: 'Bu dosya 64 MB’tan büyük; bir fotoğraf için fazla büyük. Bir fotoğraf seçin ya da bunu JPEG olarak dışa aktarın.',
  cannotShare: 'Paylaşılamadı. Bunun yerine İndir düğmesini kullanın.',
  cannotSave: 'Profil fotoğrafı hazırlanamadı. Yeniden deneyin ya da başka bir fotoğraf seçin.',
  saved: '{file} olarak kaydedildi.',
  savedIos: '{file} olarak Dosyalar uygulamasına kaydedildi. Fotoğraflar’a eklemek için dosyayı orada açın, önce Paylaş’a, sonra Görüntüyü Kaydet’e dokunun.',
  shareAgain: 'Fotoğraf henüz hazır değildi. Paylaş’a yeniden dokunun.',
  remind: 'Eski fotoğrafıma dönmeyi hatırlat',
  reminderTitle: 'Her zamanki profil fotoğrafınızı geri koyun',
  reminderText: 'Kampanya sona erdi: her zamanki profil fotoğrafınızı geri koyma zamanı.',
  reminderSaved: 'Hatırlatıcı {file} olarak kaydedildi. Takviminize eklemek için dosyayı açın.',
  noscript:
    'Bu sayfa, profil fotoğrafınızı hazırlamak için JavaScript’e ihtiyaç duyar. iPhone ve iPad’de dosyadan açılan bir sayfada JavaScript çalışmaz: sayfayı web adresinden açın (adresi size gönderen kişiye sorun). Diğer cihazlarda bu sayfa için JavaScript’i açın. Fotoğrafınız cihazınızdan hiç çıkmaz.',
  noscriptAt:
    'Bu sayfa, profil fotoğrafınızı hazırlamak için JavaScript’e ihtiyaç duyar. iPhone ve iPad’de dosyadan açılan bir sayfada JavaScript çalışmaz: sayfayı web adresinden açın: {url}. Diğer cihazlarda bu sayfa için JavaScript’i açın. Fotoğrafınız cihazınızdan hiç çıkmaz.',
};
