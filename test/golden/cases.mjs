// The looks pinned by golden images: one per treatment and banner kind, small to keep the repo light.
export const GOLDENS = [
  { name: 'aleppo-astronaut', photo: 'astronaut.jpg', options: { size: 256 } },
  { name: 'wash-chelsea', photo: 'chelsea.jpg', options: { size: 256, mode: 'wash' } },
  { name: 'duotone-coffee', photo: 'coffee.jpg', options: { size: 256, mode: 'duotone', banner: 'strip' } },
  { name: 'multiply-circle-rocket', photo: 'rocket.jpg', options: { size: 256, mode: 'multiply', shape: 'circle', text: ['#AleppoIsBurning'] } },
  { name: 'solid', photo: 'astronaut.jpg', options: { size: 256, mode: 'solid', frame: 'none' } },
];
