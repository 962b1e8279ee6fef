import type { Strings } from './en.js';

/** The interface in Arabic (right to left). Whole sentences only, as in en.ts. */
export const ar: Strings = {
  languageName: 'العربية',
  direction: 'rtl',
  language: 'اللغة',
  fallbackTitle: 'اصنع صورتك الرمزية',
  choosePhoto: 'اختر صورة',
  chooseHint: 'أو أفلت صورة على المعاينة، أو الصقها.',
  stageEmpty: 'معاينة الصورة الرمزية. اختر صورة أولاً.',
  stageReady: 'معاينة الصورة الرمزية. اسحب الصورة أو استخدم مفاتيح الأسهم لتحريكها، ومفتاحا الزائد والناقص للتكبير والتصغير.',
  zoom: 'تكبير',
  rotate: 'تدوير ربع دورة',
  download: 'تنزيل',
  share: 'مشاركة',
  opening: 'جارٍ فتح الصورة…',
  privacy: 'لا تغادر صورتك جهازك أبداً. كل شيء يجري داخل هذه الصفحة، ولا يُرفع أي شيء.',
  cannotOpen: 'لا يستطيع هذا المتصفح فتح هذه الصورة. إن كانت صورة من آيفون (HEIC) فصدّرها بصيغة JPEG، ثم اخترها من جديد.',
  damaged: 'هذه الصورة تالفة أو ناقصة. افتحها في تطبيق الصور وصدّرها بصيغة JPEG، ثم اخترها من جديد.',
  notAPhoto: 'هذا الملف ليس صورة. اختر صورة بصيغة JPEG أو PNG أو WebP.',
  cannotShare: 'تعذّرت المشاركة. استخدم زر التنزيل بدلاً من ذلك.',
  cannotSave: 'تعذّر صنع الصورة الرمزية. حاول من جديد، أو جرّب صورة أخرى.',
};
