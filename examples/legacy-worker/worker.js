setInterval(() => console.log('working'), 1000);
